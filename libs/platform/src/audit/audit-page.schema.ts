import { z } from 'zod';
import { timestampText } from '../openapi/answer-fields.js';

/** One row of the audit trail as GET /v1/audit shows it. */
export const auditEntrySchema = z.object({
  id: z.string().meta({ description: 'Increasing; pass the last one as ?before for the next page', example: '42' }),
  at: timestampText,
  actor: z.string().meta({ example: 'staff:7f1c0c1e' }),
  actorName: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string().meta({ example: 'ecp.invoice-cancelled' }),
  subject: z.string().meta({ example: 'invoice:4539578763621486' }),
  before: z.unknown().meta({ description: 'The subject before the write (null when it was created)' }),
  after: z.unknown().meta({ description: 'The subject after the write' }),
});

/** A page of the audit trail, newest first. */
export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  nextBefore: z.string().nullable().meta({ description: 'The ?before of the next page; null on the last' }),
});
export type AuditPage = z.output<typeof auditPageSchema>;
