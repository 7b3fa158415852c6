import { z } from 'zod';
import { somText, timestampText } from '#platform';
import { registeredClientShape } from '../persistence/registration-view.js';

/** The answer of POST /v1/ecp/registrations: the client as registered and its first invoice. */
export const newRegistrationSchema = z.object({
  ...registeredClientShape,
  createdAt: timestampText,
  invoice: z.object({
    number: z.string().meta({ description: 'What the client enters in the wallet', example: '4539578763621486' }),
    amount: somText,
    amountDue: somText,
    status: z.literal('ISSUED'),
    issuedAt: timestampText,
    expiresAt: timestampText,
  }),
});
export type NewRegistration = z.output<typeof newRegistrationSchema>;
