import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiError, CLOCK, recordAudit, type Actor, type Clock } from '#platform';
import { resolveDifference, type StoredDifference } from '../persistence/reconciliation-rows.js';

/** Staff explain a difference of a day's reconciliation; a new note replaces the previous one. */
@Injectable()
export class ResolveDifferenceHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(day: string, id: string, note: string, actor: Actor): Promise<StoredDifference> {
    return this.db.transaction(async (tx) => {
      const at = this.clock.now();
      const resolved = await resolveDifference(tx, day, id, { note, by: actor.id, at });
      if (!resolved)
        throw new ApiError(404, 'DIFFERENCE_NOT_FOUND', `no difference ${id} in the reconciliation of ${day}`);
      await recordAudit(
        tx,
        actor,
        {
          action: 'payments.reconciliation-difference-resolved',
          subject: `reconciliation:${day}:difference:${id}`,
          before: {
            kind: resolved.before.kind,
            idempotencyKey: resolved.before.idempotencyKey,
            resolution: resolved.before.resolution,
          },
          after: { resolution: { note, by: actor.id, at: at.toISOString() } },
        },
        at,
      );
      return resolved.after;
    });
  }
}
