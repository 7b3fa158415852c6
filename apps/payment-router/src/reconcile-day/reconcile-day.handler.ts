import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { bishkekDayStart, DAY_MS } from '#money';
import { CLOCK, recordAudit, type Actor, type Clock } from '#platform';
import { compareRegisters, differenceSignature } from '../domain/reconciliation.js';
import { ourRegister } from '../persistence/day-register.js';
import {
  findReconciliation,
  reconciliationDifferences,
  replaceReconciliation,
  type StoredReconciliation,
} from '../persistence/reconciliation-rows.js';
import { storedLine } from '../persistence/reconciliation-view.js';
import { readMegapayRegister } from './megapay-register.csv.js';

export type ReconcileResult = { kind: 'reconciled' } | { kind: 'unreadable'; line: number; problem: string };

/**
 * Compares MegaPay's register of a Bishkek day with ours and saves the result in place of the day's previous one.
 * A difference that was resolved before keeps its note when the new comparison asks the same question again (same
 * kind, key and lines on both sides); any other is new and unresolved.
 */
@Injectable()
export class ReconcileDayHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(day: string, megapayRegister: string, actor: Actor): Promise<ReconcileResult> {
    const theirs = readMegapayRegister(megapayRegister);
    if (!theirs.ok) return { kind: 'unreadable', line: theirs.line, problem: theirs.problem };
    const from = bishkekDayStart(day);
    await this.db.transaction(async (tx) => {
      // Two uploads of one day at once would each replace the other's half-written result.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('reconciliation:' || $1))`, [day]);
      const earlier = await findReconciliation(tx, day);
      const previous = await reconciliationDifferences(tx, day);
      const ours = await ourRegister(tx, from, new Date(from.getTime() + DAY_MS));
      const comparison = compareRegisters(ours, theirs.entries);
      const resolved = new Map(previous.filter((d) => d.resolution).map((d) => [d.signature, d.resolution]));
      const now = this.clock.now();
      const reconciliation: StoredReconciliation & { theirRegister: string } = {
        day,
        comparedAt: now,
        comparedBy: actor.id,
        theirRegister: megapayRegister,
        counts: comparison.counts,
        totals: {
          perService: comparison.perService.map((t) => ({
            service: t.service,
            ours: side(t.ours),
            theirs: side(t.theirs),
          })),
          perStatus: comparison.perStatus.map((t) => ({
            status: t.status,
            ours: side(t.ours),
            theirs: side(t.theirs),
          })),
        },
      };
      const differences = comparison.differences.map((d) => {
        const signature = differenceSignature(d);
        return {
          kind: d.kind,
          idempotencyKey: d.idempotencyKey,
          paymentId: d.paymentId,
          ours: d.ours && storedLine(d.ours),
          theirs: d.theirs && storedLine(d.theirs),
          signature,
          resolution: resolved.get(signature) ?? null,
        };
      });
      await replaceReconciliation(tx, reconciliation, differences);
      await recordAudit(
        tx,
        actor,
        {
          action: 'payments.day-reconciled',
          subject: `reconciliation:${day}`,
          before: earlier
            ? {
                comparedAt: earlier.comparedAt.toISOString(),
                counts: earlier.counts,
                unresolved: previous.filter((d) => !d.resolution).length,
              }
            : null,
          after: {
            counts: comparison.counts,
            unresolved: differences.filter((d) => !d.resolution).length,
            carriedOver: differences.filter((d) => d.resolution).length,
          },
        },
        now,
      );
    });
    return { kind: 'reconciled' };
  }
}

const side = (s: { count: number; amount: bigint }) => ({ count: s.count, amount: s.amount.toString() });
