import { z } from 'zod';
import { coded } from '#platform';
import { INVOICE_NUMBER_PATTERN } from '../domain/invoice-number.js';

/** An invoice number in a path: 16 digits (an unknown but well-formed number is a 404, not a 400). */
export const invoiceNumberParam = z
  .string()
  .refine(
    ...coded<string>('INVALID_INVOICE_NUMBER', 'an invoice number is 16 digits', (v) => INVOICE_NUMBER_PATTERN.test(v)),
  );
