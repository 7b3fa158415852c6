import type { DataSource } from 'typeorm';
import type { Envelope } from '#contracts';
import { sql } from './sql.js';
import { inTransaction, type RowsOf, type Statements, type Transaction } from './transaction.js';

/** What to do once the transaction committed (metrics of what it did); nothing to undo if it rolled back. */
export type AfterCommit = void | (() => void);

/**
 * A batch of messages applied set-based in one transaction, reading top to bottom:
 * `reads` (locks in key order, then reads) travel with BEGIN and the inbox claim; `apply` gets the messages not yet
 * applied, in delivery order, decides each in memory (so a second payment of one wallet sees the first's effect),
 * writes set-based with its guards checked (throwing rolls everything back) and appends the events.
 */
export interface BatchEffect<E extends Envelope, S extends Statements> {
  /** Sent with BEGIN and the claim, for every message delivered (a duplicate's reads are harmless). */
  reads(events: readonly E[]): S;
  apply(tx: Transaction, fresh: readonly E[], rows: RowsOf<S>): Promise<AfterCommit>;
}

/** One message's effect: its reads (with BEGIN and the claim when alone), then what it changes. */
export interface MessageEffect<E extends Envelope, S extends Statements> {
  reads?(event: E): S;
  apply(tx: Transaction, event: E, rows: RowsOf<S>): Promise<AfterCommit>;
}

/**
 * Applies a batch of messages in one transaction that first claims them all in the inbox (one multi-row INSERT:
 * messages already applied, in an earlier batch or twice in this one, are left out), so a message already applied
 * changes nothing. The consumer acknowledges the messages only after this resolves. BEGIN, the claim and the reads
 * take one round trip; the outbox rows, the held writes and COMMIT another.
 */
export async function applyBatch<E extends Envelope, S extends Statements>(
  db: DataSource,
  consumer: string,
  events: readonly E[],
  effect: BatchEffect<E, S>,
): Promise<void> {
  const unique = [...new Map(events.map((e) => [e.messageId, e])).values()];
  const claims = sql.values(unique.map((e) => [consumer, e.messageId, e.type]));
  const after = await inTransaction(
    db,
    {
      claimed: sql`INSERT INTO inbox (consumer, message_id, type) VALUES ${claims}
                   ON CONFLICT DO NOTHING RETURNING message_id`,
      ...effect.reads(unique),
    },
    async (tx, { claimed, ...rows }) => {
      const ids = new Set(claimed.map((r) => String(r.message_id)));
      const fresh = unique.filter((e) => ids.has(e.messageId));
      if (fresh.length === 0) return undefined;
      return effect.apply(tx, fresh, rows as unknown as RowsOf<S>);
    },
  );
  if (after) after();
}

/** One message in its own transaction: `applyBatch` of one. */
export async function applyOnce<E extends Envelope, S extends Statements>(
  db: DataSource,
  consumer: string,
  event: E,
  effect: MessageEffect<E, S>,
): Promise<void> {
  await applyBatch(db, consumer, [event], {
    reads: () => effect.reads?.(event) ?? ({} as S),
    apply: (tx, [fresh], rows) => effect.apply(tx, fresh, rows),
  });
}

/**
 * The adapter for handlers not written set-based: the batch's messages in one transaction, each message's reads and
 * effect in turn in delivery order (a read sees the writes before it). Without savepoints: one failure rolls the whole
 * batch back, and the consumer then applies its messages one at a time.
 */
export async function applyEach<E extends Envelope, S extends Statements>(
  db: DataSource,
  consumer: string,
  events: readonly E[],
  effect: MessageEffect<E, S>,
): Promise<void> {
  await applyBatch(db, consumer, events, {
    reads: () => ({}),
    apply: async (tx, fresh) => {
      const afters: AfterCommit[] = [];
      for (const event of fresh) {
        const reads = effect.reads?.(event);
        afters.push(await effect.apply(tx, event, (reads ? await tx.read(reads) : {}) as RowsOf<S>));
      }
      return () => afters.forEach((after) => after?.());
    },
  });
}
