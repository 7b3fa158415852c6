import { z } from 'zod';

export const cancelInvoiceRequest = z
  .object({
    reason: z.string().trim().min(1).max(500).describe('why staff cancel the invoice, kept with it and in its history'),
  })
  .meta({ example: { reason: 'the client asked to cancel' } });
export type CancelInvoiceRequest = z.infer<typeof cancelInvoiceRequest>;
