import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { inn, invoiceNumber, timestamp, tyiyn } from '../wire-types.js';

/**
 * A new client registered (or staff re-issued a registration's invoice): the invoice can now be paid from MegaPay.
 * registrationId and productCode stay nullable in v1 only because invoices issued by hand, before every invoice had
 * to be a registration's, were announced with null; no event carries null any more.
 */
export const EcpInvoiceIssuedV1 = defineEvent({
  type: 'ecp.invoice-issued',
  version: 1,
  producer: 'ecp-invoicing',
  consumers: [],
  summary:
    "An ЭЦП invoice was issued for a registration's product (at registration, or re-issued by staff) and is payable until expiresAt.",
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
