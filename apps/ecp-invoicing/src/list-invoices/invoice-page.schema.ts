import { z } from 'zod';
import { somText, timestampText } from '#platform';
import { INVOICE_STATUSES, OFFICES } from '../domain/invoice.js';

/** A page of invoices, newest first, each in short; the detail has the rest. */
export const invoicePageSchema = z.object({
  items: z.array(
    z.object({
      number: z.string().meta({ example: '4539578763621486' }),
      status: z.enum(INVOICE_STATUSES).meta({ description: 'The status now: an overdue unpaid invoice is EXPIRED' }),
      amount: somText,
      amountDue: somText,
      clientName: z.string(),
      inn: z.string().meta({ example: '01234567890123' }),
      office: z.enum(OFFICES),
      productCode: z.string().nullable().meta({ example: 'DIRECTOR_CLOUD' }),
      registrationId: z.uuid().nullable(),
      issuedAt: timestampText,
      expiresAt: timestampText,
      paidAt: timestampText.nullable(),
      paymentId: z.uuid().nullable(),
      detail: z.string().meta({ example: '/v1/ecp/invoices/4539578763621486' }),
    }),
  ),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1).max(200),
  total: z.number().int().min(0),
});
export type InvoicePage = z.output<typeof invoicePageSchema>;
