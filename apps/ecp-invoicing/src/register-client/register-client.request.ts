import { z } from 'zod';
import { coded } from '#platform';
import { INN_PATTERN } from '../domain/inn.js';
import { OFFICES } from '../domain/invoice.js';
import { PHONE_PATTERN } from '../domain/phone.js';
import { PRODUCT_CODE_PATTERN } from '../domain/product.js';
import { looksLikeCsrPem } from '../domain/signature-production.js';

/** A new client's registration, as office staff (Osh, Jalal-Abad) or the client online fill it in. */
export const registerClientRequest = z
  .object({
    office: z.enum(OFFICES).describe('where the client registers: OSH, JALAL_ABAD, or ONLINE'),
    organizationName: z.string().trim().min(1).max(300).describe('the organization or ИП, as on the certificate (O)'),
    inn: z.string().regex(INN_PATTERN, 'an INN is 14 digits').meta({ example: '01234567890123' }),
    signerName: z.string().trim().min(1).max(200).describe("the signer's full name (CN)"),
    signerRole: z.string().trim().min(1).max(200).describe("the signer's role, e.g. Директор (title)"),
    phone: z.string().regex(PHONE_PATTERN, 'a contact phone: 996 and 9 digits').meta({ example: '996555000001' }),
    productCode: z
      .string()
      .regex(PRODUCT_CODE_PATTERN, 'a product code such as DIRECTOR_CLOUD')
      .describe('see GET /v1/ecp/products'),
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
      .optional()
      .describe(
        "PEM PKCS#10 request made on the client's own token: required for a token product, refused for a cloud key. Only its public key is certified; the subject is the registration's",
      ),
  })
  .meta({
    example: {
      office: 'ONLINE',
      organizationName: 'ОсОО «Пример»',
      inn: '01234567890123',
      signerName: 'Асанов Бакыт',
      signerRole: 'Директор',
      phone: '996555000001',
      productCode: 'DIRECTOR_CLOUD',
    },
  });
export type RegisterClientRequest = z.infer<typeof registerClientRequest>;
