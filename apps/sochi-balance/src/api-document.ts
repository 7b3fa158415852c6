import type { ApiDocumentOptions } from '#platform';
import { SOCHI_BALANCE_PORT } from './sochi-balance.config.js';

/** The servers and tags of sochi-balance's OpenAPI document. */
export const apiDocument: ApiDocumentOptions = {
  developmentPort: SOCHI_BALANCE_PORT,
  tags: {
    'СОЧИ organizations': 'Organizations and entrepreneurs by INN: their СОЧИ balance, its credits and statements.',
    'СОЧИ report charges':
      'Sending a report costs its price from the СОЧИ balance; one the balance does not cover waits for a top-up.',
  },
};
