import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { payableService, phone, timestamp, tyiyn } from '../wire-types.js';

/** A scheduled run of a wallet's autopayment is due; the router creates its payment once per run. */
export const WalletAutopaymentDueV1 = defineEvent({
  type: 'wallet.autopayment-due',
  version: 1,
  producer: 'wallet',
  consumers: ['payment-router'],
  summary:
    'An autopayment run is due: the router creates its payment once, with Idempotency-Key autopayment:<runId>; ' +
    "a null amount (ЭЦП only) means the invoice's amount due at that moment.",
  schema: z.object({
    runId: z.uuid(),
    autopaymentId: z.uuid(),
    phone,
    service: payableService,
    account: z.string().min(1).max(32),
    amount: tyiyn.nullable(),
    scheduledFor: timestamp,
  }),
});
