import type { ApiDocumentOptions } from '#platform';
import { PAYMENT_ROUTER_PORT } from './payment-router.config.js';

/** The servers and tags of payment-router's OpenAPI document. */
export const apiDocument: ApiDocumentOptions = {
  developmentPort: PAYMENT_ROUTER_PORT,
  tags: {
    services: 'The Dos Tek services payable from MegaPay (СОЧИ, ЭЦП) and the account each takes.',
    payments:
      'Check a payment, pay it with an Idempotency-Key (accepted at once), and poll it to COMPLETED, REJECTED or REFUNDED; staff find, explain and total payments.',
    reconciliation:
      "The daily reconciliation with MegaPay (staff): our register of a Bishkek day's final payments, the comparison with MegaPay's, and the notes that resolve each difference.",
  },
};
