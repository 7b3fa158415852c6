import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_TRACE_CONTEXT_DOWN, OUTBOX_TRACE_CONTEXT_UP } from '#messaging';

/** Every service's outbox keeps the trace context of the transaction that wrote each row (docs/observability.md). */
export class OutboxTraceContext1766200000000 implements MigrationInterface {
  name = 'OutboxTraceContext1766200000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of OUTBOX_TRACE_CONTEXT_UP) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of OUTBOX_TRACE_CONTEXT_DOWN) await q.query(sql);
  }
}
