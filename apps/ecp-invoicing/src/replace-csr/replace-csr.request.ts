import { z } from 'zod';
import { csrField } from '../ecp-invoicing.fields.js';

export const replaceCsrRequest = z.object({
  csr: csrField.describe("PEM PKCS#10 request made on the client's token"),
});
export type ReplaceCsrRequest = z.infer<typeof replaceCsrRequest>;
