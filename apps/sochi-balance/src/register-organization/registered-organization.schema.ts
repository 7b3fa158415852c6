import { z } from 'zod';
import { somText, timestampText } from '#platform';

/** The answer of POST /v1/sochi/organizations: the organization with its zero balance. */
export const registeredOrganizationSchema = z.object({
  inn: z.string().meta({ example: '01234567890123' }),
  name: z.string().meta({ example: 'ОсОО «Пример»' }),
  balance: somText,
  createdAt: timestampText,
});
export type RegisteredOrganization = z.output<typeof registeredOrganizationSchema>;
