import { z } from 'zod';
import { INN_PATTERN } from '../domain/inn.js';

export const registerOrganizationRequest = z
  .object({
    inn: z.string().regex(INN_PATTERN, 'an INN is 14 digits').meta({ example: '01234567890123' }),
    name: z.string().trim().min(1).max(300),
  })
  .meta({ example: { inn: '01234567890123', name: 'ОсОО «Пример»' } });
export type RegisterOrganizationRequest = z.infer<typeof registerOrganizationRequest>;
