import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { FORGED_PRODUCER, InboxConsumerServer } from '#messaging';
import { ApiError } from '../api-error.js';
import { recordAudit, type Actor } from '../audit/audit-trail.js';
import { CLOCK, type Clock } from '../clock.js';
import type { ParkedMessagePage, ParkedMessageQuery, ParkedMessageView } from './parked-message.schema.js';

const COLUMNS = `id, message_id, queue, routing_key, code, reason, original_user_id, parked_at, body, headers, status, resolved_at, resolved_by, resolution_note`;

/**
 * The service's parked messages for staff: the list, and the two ways out of it. Republish hands the stored message
 * to this service's own consumer again (same checks, same handler, the inbox keeps it idempotent) — never published
 * as its producer; a FORGED_PRODUCER message is never republished. A resolved row stays, marked, for the record.
 */
@Injectable()
export class ParkedMessages {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(InboxConsumerServer) private readonly consumer: InboxConsumerServer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(q: ParkedMessageQuery): Promise<ParkedMessagePage> {
    const filter = `status = $1 AND ($2::text IS NULL OR code = $2)`;
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM parked_messages WHERE ${filter}`, [
      q.status,
      q.code ?? null,
    ]);
    const rows: Record<string, any>[] = await this.db.query(
      `SELECT ${COLUMNS} FROM parked_messages WHERE ${filter} AND ($3::bigint IS NULL OR id < $3) ORDER BY id DESC LIMIT $4`,
      [q.status, q.code ?? null, q.before ?? null, q.limit],
    );
    const items = rows.map(view);
    return { items, total, nextBefore: items.length === q.limit ? items.at(-1)!.id : null };
  }

  async republish(id: string, note: string, actor: Actor): Promise<ParkedMessageView> {
    const row = await this.open(this.db.manager, id);
    if (row.code === FORGED_PRODUCER) {
      throw new ApiError(
        409,
        'PARKED_MESSAGE_FORGED',
        `parked message ${id} was not published by its contract's producer: it can only be discarded`,
      );
    }
    const outcome = await this.consumer.handleAgain(row.body, { userId: row.original_user_id ?? undefined });
    if (!outcome.ok) {
      throw new ApiError(
        409,
        'REPUBLISH_FAILED',
        `parked message ${id} still cannot be handled (${outcome.code}): ${outcome.reason}`,
        {
          parkedCode: outcome.code,
        },
      );
    }
    // Handled (or already handled before: the inbox). Marking it is a second transaction; should it fail, a second
    // republish finds the message applied already and changes nothing more.
    return this.resolve(id, 'REPUBLISHED', 'parked-message.republished', note, actor);
  }

  async discard(id: string, note: string, actor: Actor): Promise<ParkedMessageView> {
    return this.resolve(id, 'DISCARDED', 'parked-message.discarded', note, actor);
  }

  private async resolve(
    id: string,
    status: 'REPUBLISHED' | 'DISCARDED',
    action: string,
    note: string,
    actor: Actor,
  ): Promise<ParkedMessageView> {
    return this.db.transaction(async (tx) => {
      const row = await this.open(tx, id, 'FOR UPDATE');
      const now = this.clock.now();
      // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
      const [[updated]] = await tx.query(
        `UPDATE parked_messages SET status = $2, resolved_at = $3, resolved_by = $4, resolution_note = $5 WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, status, now, actor.id, note],
      );
      await recordAudit(
        tx,
        actor,
        {
          action,
          subject: `parked-message:${id}`,
          before: { status: row.status, code: row.code, messageId: row.message_id },
          after: { status, note },
        },
        now,
      );
      return view(updated);
    });
  }

  /** The open row, or the problem staff see: not found, or resolved already. */
  private async open(db: EntityManager, id: string, lock = ''): Promise<Record<string, any>> {
    const [row] = await db.query(`SELECT ${COLUMNS} FROM parked_messages WHERE id = $1 ${lock}`, [id]);
    if (!row) throw new ApiError(404, 'PARKED_MESSAGE_NOT_FOUND', `no parked message ${id}`);
    if (row.status !== 'OPEN')
      throw new ApiError(409, 'PARKED_MESSAGE_RESOLVED', `parked message ${id} is ${row.status} already`, {
        status: row.status,
      });
    return row;
  }
}

function view(r: Record<string, any>): ParkedMessageView {
  const body = r.body as Buffer;
  return {
    id: String(r.id),
    messageId: r.message_id,
    queue: r.queue,
    routingKey: r.routing_key,
    code: r.code,
    reason: r.reason,
    originalUserId: r.original_user_id,
    parkedAt: new Date(r.parked_at).toISOString(),
    body: body.toString('utf8'),
    bodyBase64: body.toString('base64'),
    headers: r.headers,
    status: r.status,
    resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
    resolvedBy: r.resolved_by,
    resolutionNote: r.resolution_note,
  };
}
