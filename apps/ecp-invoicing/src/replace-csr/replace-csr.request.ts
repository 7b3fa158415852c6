import { z } from 'zod';
import { coded } from '#platform';
import { looksLikeCsrPem } from '../domain/signature-production.js';

export const replaceCsrRequest = z.object({
  csr: z
    .string()
    .max(16384)
    .refine(
      ...coded<string>(
        'INVALID_CSR',
        'a PKCS#10 request in PEM (-----BEGIN CERTIFICATE REQUEST-----)',
        looksLikeCsrPem,
      ),
    )
    .describe("PEM PKCS#10 request made on the client's token"),
});
export type ReplaceCsrRequest = z.infer<typeof replaceCsrRequest>;
