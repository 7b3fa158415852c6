import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { invoiceNumber, paymentId, timestamp } from '../wire-types.js';

/** The electronic signature for a paid invoice has been produced. */
export const EcpSignatureProducedV1 = defineEvent({
  type: 'ecp.signature-produced',
  version: 1,
  producer: 'ecp-invoicing',
  consumers: ['payment-router'],
  summary: 'Signature production for a paid ЭЦП invoice finished.',
  schema: z.object({ paymentId, invoiceNumber, producedAt: timestamp }),
});
