import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import {
  INN_PATTERN,
  INVOICE_NUMBER_PATTERN,
  payableService,
  paymentId,
  phone,
  timestamp,
  tyiyn,
} from '../wire-types.js';

/** The router accepted a payment request; the wallet is asked to debit it. */
export const PaymentRequestedV1 = defineEvent({
  type: 'payment.requested',
  version: 1,
  producer: 'payment-router',
  consumers: ['wallet'],
  summary:
    'A subscriber asked to pay a Dos Tek service; the wallet should debit the amount and send the payment on to its payee, or reject it.',
  schema: z
    .object({
      paymentId,
      phone,
      service: payableService,
      account: z.string().min(1).max(32),
      amount: tyiyn,
      requestedAt: timestamp,
    })
    // The wallet sends a debited payment on to its payee with this account as the INN or the invoice number: a request
    // that could not be sent on is refused here (parked as a schema violation) before anything is debited.
    .refine((p) => (p.service === 'SOCHI' ? INN_PATTERN : INVOICE_NUMBER_PATTERN).test(p.account), {
      path: ['account'],
      message: 'the account of a СОЧИ payment is an INN (14 digits), of an ЭЦП payment an invoice number (16 digits)',
    }),
});
