import { z } from 'zod';

/** Money on the wire: whole tyiyn as a string of digits (JSON has no 64-bit integers; floats are never used). */
export const tyiyn = z.string().regex(/^(0|[1-9][0-9]{0,17})$/, 'amount in tyiyn: digits only');
/** A Megacom subscriber's phone, which names the MegaPay wallet: 996 and nine digits. */
export const PHONE_PATTERN = /^996[0-9]{9}$/;
/** An organization's or entrepreneur's INN: 14 digits. */
export const INN_PATTERN = /^[0-9]{14}$/;
/** An ЭЦП invoice number: 16 digits (the last a Luhn check digit, which the ЭЦП domain checks). */
export const INVOICE_NUMBER_PATTERN = /^[0-9]{16}$/;

export const phone = z.string().regex(PHONE_PATTERN);
export const inn = z.string().regex(INN_PATTERN);
export const invoiceNumber = z.string().regex(INVOICE_NUMBER_PATTERN);
export const payableService = z.enum(['SOCHI', 'ECP']);
export type PayableService = z.infer<typeof payableService>;
export const timestamp = z.iso.datetime({ offset: true });
export const paymentId = z.uuid();
