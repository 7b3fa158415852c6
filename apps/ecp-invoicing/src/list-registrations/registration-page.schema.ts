import { z } from 'zod';
import { phoneText, somText, timestampText } from '#platform';
import { INVOICE_STATUSES, OFFICES } from '../domain/invoice.js';

/** A page of registrations, newest first, each in short with its latest invoice. */
export const registrationPageSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      office: z.enum(OFFICES),
      organizationName: z.string(),
      inn: z.string().meta({ example: '01234567890123' }),
      signerName: z.string(),
      phone: phoneText,
      productCode: z.string().meta({ example: 'DIRECTOR_CLOUD' }),
      createdAt: timestampText,
      latestInvoice: z
        .object({
          number: z.string().meta({ example: '4539578763621486' }),
          status: z.enum(INVOICE_STATUSES).meta({ description: 'The status now' }),
          amount: somText,
          issuedAt: timestampText,
          paidAt: timestampText.nullable(),
          paymentId: z.uuid().nullable(),
        })
        .nullable(),
      detail: z.string().meta({ example: '/v1/ecp/registrations/0b9f7b86-3a51-4d0b-9a55-7d1c1f0e2a11' }),
    }),
  ),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1).max(200),
  total: z.number().int().min(0),
});
export type RegistrationPage = z.output<typeof registrationPageSchema>;
