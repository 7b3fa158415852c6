import { z } from 'zod';
import { defineEvent, inn, paymentId, phone, timestamp, tyiyn } from '#contracts';
import { SMS_BALANCE } from './sms-service.js';

/** A debited SMS payment is routed to the SMS balance of the organization with this INN. */
export const SmsTopUpRequestedV1 = defineEvent({
  type: 'sms.top-up-requested',
  version: 1,
  producer: 'payment-router',
  consumers: [SMS_BALANCE],
  summary: 'Credit a debited payment to the SMS balance of the organization with this INN.',
  schema: z.object({ paymentId, inn, amount: tyiyn, payerPhone: phone, requestedAt: timestamp }),
});
