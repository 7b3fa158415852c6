import { z } from 'zod';
import { coded } from '#platform';
import { looksLikeCsrPem } from './domain/signature-production.js';

/** The request fields more than one ЭЦП use case takes; the platform's edge kit has the ones every service takes. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A registration id in a path: a UUID (an unknown but well-formed id is a 404, not a 400). */
export const registrationIdParam = z
  .string()
  .refine(...coded<string>('INVALID_REGISTRATION_ID', 'a registration id is a UUID', (v) => UUID.test(v)));

/** A certificate signing request made on the client's token: its form only; `checkCsr` judges its content. */
export const csrField = z
  .string()
  .max(16384)
  .refine(
    ...coded<string>('INVALID_CSR', 'a PKCS#10 request in PEM (-----BEGIN CERTIFICATE REQUEST-----)', looksLikeCsrPem),
  );
