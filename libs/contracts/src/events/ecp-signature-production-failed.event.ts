import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { invoiceNumber, paymentId, timestamp } from '../wire-types.js';

export const ecpProductionFailureCode = z.enum([
  'CSR_REQUIRED',
  'CSR_MALFORMED',
  'CSR_SIGNATURE_INVALID',
  'UNSUPPORTED_KEY_ALGORITHM',
]);

/** The paid invoice's certificate cannot be produced until staff act (a new CSR); the payment itself stands. */
export const EcpSignatureProductionFailedV1 = defineEvent({
  type: 'ecp.signature-production-failed',
  version: 1,
  producer: 'ecp-invoicing',
  consumers: [],
  summary:
    'Signature production for a paid ЭЦП invoice failed for a reason only staff can fix (e.g. a bad CSR); the payment stays completed.',
  schema: z.object({
    paymentId,
    invoiceNumber,
    code: ecpProductionFailureCode,
    reason: z.string().min(1).max(2000),
    failedAt: timestamp,
  }),
});
