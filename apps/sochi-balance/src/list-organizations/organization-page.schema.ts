import { z } from 'zod';
import { somText, timestampText } from '#platform';

/** A page of organizations with their СОЧИ balances, by INN. */
export const organizationPageSchema = z.object({
  items: z.array(
    z.object({
      inn: z.string().meta({ example: '01234567890123' }),
      name: z.string().meta({ example: 'ОсОО «Пример»' }),
      balance: somText,
      createdAt: timestampText,
      awaitingPayment: z
        .object({ reports: z.number().int().min(0), total: somText })
        .meta({ description: 'Report charges waiting for the balance to cover them' }),
      detail: z.string().meta({ example: '/v1/sochi/organizations/01234567890123' }),
    }),
  ),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1).max(200),
  total: z.number().int().min(0),
});
export type OrganizationPage = z.output<typeof organizationPageSchema>;
