import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { payableService, paymentId, phone, timestamp, tyiyn } from '../wire-types.js';

/** A payment reached COMPLETED: the wallet was debited and the payee took the money. */
export const PaymentCompletedV1 = defineEvent({
  type: 'payment.completed',
  version: 1,
  producer: 'payment-router',
  consumers: ['wallet'],
  summary:
    'The payment is completed (СОЧИ balance credited or ЭЦП invoice paid); autopaymentRunId names the autopayment run that started it, if any.',
  schema: z.object({
    paymentId,
    autopaymentRunId: z.uuid().nullable(),
    phone,
    service: payableService,
    account: z.string().min(1).max(32),
    amount: tyiyn,
    completedAt: timestamp,
  }),
});
