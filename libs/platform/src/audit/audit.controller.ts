import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Access } from '../auth/access.decorator.js';
import { ApiResult } from '../openapi/api-result.decorator.js';
import { ZodPipe } from '../zod-pipe.js';
import { auditPageSchema, type AuditPage } from './audit-page.schema.js';

const auditQuery = z.object({
  subject: z.string().min(1).max(200).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The service's audit trail, newest first, for auditors. */
@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Access({ staff: ['auditor'] })
  @Get()
  @ApiOperation({
    operationId: 'listAuditEntries',
    description:
      'Who changed what in this service, when, under which request id, with the subject before and after; newest first, paged with ?before.',
    summary: 'Audit trail of staff and partner writes, newest first (?subject, ?before, ?limit)',
  })
  @ApiQuery({
    name: 'subject',
    required: false,
    schema: { type: 'string' },
    description: 'what was acted on',
    example: 'invoice:4539578763621486',
  })
  @ApiQuery({
    name: 'before',
    required: false,
    schema: { type: 'string', pattern: '^[1-9][0-9]*$' },
    description: 'the nextBefore of the previous page',
  })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } })
  @ApiResult(200, 'AuditPage', auditPageSchema, 'The audit trail, newest first')
  async list(@Query(new ZodPipe(auditQuery)) q: z.infer<typeof auditQuery>): Promise<AuditPage> {
    const rows: Record<string, any>[] = await this.db.query(
      `SELECT id, at, actor, actor_name, request_id, action, subject, before, after FROM audit_trail
        WHERE ($1::text IS NULL OR subject = $1) AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
      [q.subject ?? null, q.before ?? null, q.limit],
    );
    const items = rows.map((r) => ({
      id: String(r.id),
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      actorName: r.actor_name,
      requestId: r.request_id,
      action: r.action,
      subject: r.subject,
      before: r.before,
      after: r.after,
    }));
    return { items, nextBefore: items.length === q.limit ? items.at(-1)!.id : null };
  }
}
