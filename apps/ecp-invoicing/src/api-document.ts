import type { ApiDocumentOptions } from '#platform';
import { ECP_INVOICING_PORT } from './ecp-invoicing.config.js';

/** The servers and tags of ecp-invoicing's OpenAPI document. */
export const apiDocument: ApiDocumentOptions = {
  developmentPort: ECP_INVOICING_PORT,
  tags: {
    'ЭЦП registrations':
      'New ЭЦП clients registered online or at the Osh and Jalal-Abad offices; each gets an invoice to pay.',
    'ЭЦП invoices':
      'Invoices by their 16-digit number: status, payment, signature production, and staff actions on them.',
    'ЭЦП certificates':
      'The X.509 certificates produced once an invoice is paid, and the CA certificate that signs them.',
    'ЭЦП products': 'The ЭЦП products and their prices.',
  },
};
