import { z } from 'zod';
import { innField } from '#platform';

export const registerOrganizationRequest = z
  .object({
    inn: innField.meta({ example: '01234567890123' }),
    name: z.string().trim().min(1).max(300),
  })
  .meta({ example: { inn: '01234567890123', name: 'ОсОО «Пример»' } });
export type RegisterOrganizationRequest = z.infer<typeof registerOrganizationRequest>;
