import { z } from 'zod';
import { signedSomText, somText, timestampText } from '#platform';
import { LEDGER_KINDS } from '../domain/ledger.js';

/** A page of the wallet's history, newest first. */
export const operationPageSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(LEDGER_KINDS),
      amount: signedSomText.meta({ description: 'Negative for a debit' }),
      balanceAfter: somText,
      paymentId: z.uuid().nullable(),
      service: z.enum(['SOCHI', 'ECP']).nullable(),
      account: z.string().nullable(),
      createdAt: timestampText,
    }),
  ),
  nextBefore: z.string().nullable().meta({ description: 'The ?before of the next page; null on the last' }),
});
export type OperationPage = z.output<typeof operationPageSchema>;
