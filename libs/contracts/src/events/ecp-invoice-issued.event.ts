import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { inn, invoiceNumber, timestamp, tyiyn } from '../wire-types.js';

/** A new client registered (or staff issued an invoice by hand): the invoice can now be paid from MegaPay. */
export const EcpInvoiceIssuedV1 = defineEvent({
  type: 'ecp.invoice-issued',
  version: 1,
  producer: 'ecp-invoicing',
  consumers: [],
  summary: 'An ЭЦП invoice was issued for a product (or by hand, productCode null) and is payable until expiresAt.',
  schema: z.object({
    invoiceNumber,
    registrationId: z.uuid().nullable(),
    office: z.enum(['OSH', 'JALAL_ABAD', 'ONLINE']),
    inn,
    productCode: z.string().min(1).nullable(),
    amount: tyiyn,
    issuedAt: timestamp,
    expiresAt: timestamp,
  }),
});
