import { z } from 'zod';

export const cancelInvoiceRequest = z.object({
  reason: z.string().trim().min(1).max(500).describe('why staff cancel the invoice, kept with it and in its history'),
});
export type CancelInvoiceRequest = z.infer<typeof cancelInvoiceRequest>;
