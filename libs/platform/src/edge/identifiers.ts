import { z } from 'zod';
import { INN_PATTERN, INVOICE_NUMBER_PATTERN, PHONE_PATTERN } from '#contracts';
import { coded } from '../zod-pipe.js';

/** A Megacom subscriber's phone in a request (field code INVALID_PHONE, or the field's own name). */
export const phoneField = z.string().regex(PHONE_PATTERN, 'a phone is 996 and nine digits');
/** An organization's or entrepreneur's INN in a request. */
export const innField = z.string().regex(INN_PATTERN, 'an INN is 14 digits');
/** An ЭЦП invoice number in a request, coded INVALID_INVOICE_NUMBER whatever the field is called. */
export const invoiceNumberField = z
  .string()
  .refine(
    ...coded<string>('INVALID_INVOICE_NUMBER', 'an invoice number is 16 digits', (v) => INVOICE_NUMBER_PATTERN.test(v)),
  );

/** The route parameters of a wallet's resources: `/…/:phone/…`. */
export const phoneParams = z.object({ phone: phoneField });
export type PhoneParams = z.infer<typeof phoneParams>;

/** The route parameters of an organization's resources: `/…/:inn/…`. */
export const innParams = z.object({ inn: innField });
export type InnParams = z.infer<typeof innParams>;
