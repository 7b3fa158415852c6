import { z } from 'zod';
import { defineEvent, paymentId, timestamp } from '#contracts';
import { SMS_BALANCE } from './sms-service.js';

/** The SMS balance took the payment: the router completes it. */
export const SmsTopUpCreditedV1 = defineEvent({
  type: 'sms.top-up-credited',
  version: 1,
  producer: SMS_BALANCE,
  consumers: ['payment-router'],
  summary: 'The payment was credited to the SMS balance.',
  schema: z.object({ paymentId, creditedAt: timestamp }),
});
