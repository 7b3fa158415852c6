import { z } from 'zod';
import { defineEvent, paymentId, timestamp } from '#contracts';
import { SMS_BALANCE } from './sms-service.js';

/** No organization has the INN: the router refunds the wallet. */
export const SmsTopUpRefusedV1 = defineEvent({
  type: 'sms.top-up-refused',
  version: 1,
  producer: SMS_BALANCE,
  consumers: ['payment-router'],
  summary: 'The SMS balance refused the payment; the router refunds the wallet.',
  schema: z.object({ paymentId, reason: z.enum(['UNKNOWN_INN']), refusedAt: timestamp }),
});
