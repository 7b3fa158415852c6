import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import type { Envelope, EventDefinition, PayloadOf, ServiceName } from '#contracts';
import { currentTraceparent } from '#telemetry';
import { CommitRiders } from './commit-riders.js';
import { buildEnvelope, type Cause } from './envelope-factory.js';
import { OUTBOX_NOTIFY_CHANNEL } from './messaging-schema.js';
import type { SqlExecutor } from './sql-executor.js';

/** A transaction whose end the platform reports (TypeORM's EntityManager carries its query runner). */
type TrackedTransaction = SqlExecutor & { queryRunner?: object };

/** One outbox row's values: message_id, type, version, routing_key, envelope (JSON text), traceparent. */
type OutboxValues = [string, string, number, string, string, string | null];

/** A deferred row: its column values and the envelope they were made from (for publishing it from memory). */
type DeferredRow = { values: OutboxValues; envelope: Envelope };

/** Rows appended in a transaction and not yet written, by query runner; written just before its COMMIT. */
const deferred = new WeakMap<object, { outbox: Outbox; rows: DeferredRow[] }[]>();

/**
 * Rows written by `takeDeferredOutboxRows` and not yet committed, by query runner: handed to the outbox's listeners
 * after the COMMIT, so the process that committed them publishes them at once, from memory.
 */
const written = new WeakMap<object, { outbox: Outbox; rows: DeferredRow[] }[]>();

/** A row its own process committed: what the in-process publisher needs to publish it without reading it back. */
export interface CommittedOutboxRow {
  messageId: string;
  type: string;
  version: number;
  routingKey: string;
  /** The envelope exactly as written to the outbox: the bytes to publish. */
  body: string;
  /** The same envelope as an object, for the message's properties and its publish span. */
  envelope: Envelope;
  traceparent: string | null;
}

/** What a commit hands the outbox's listeners. */
export interface OutboxCommit {
  /** Rows this process can publish now, from memory. */
  rows: CommittedOutboxRow[];
  /** Rows were also written that are not in `rows` (inside a savepoint): only the relay can find them. */
  unlisted: boolean;
}

// The trace context of the transaction that appended the row travels with it, so the trace survives the relay (and a crash).
const COLUMNS = 'INSERT INTO outbox (message_id, type, version, routing_key, envelope, traceparent) VALUES';
// Deferred rows are written just before COMMIT: stamped with that moment (not the transaction's start), the relay's
// grace period counts from about when they became visible, whatever the transaction took.
const DEFERRED_COLUMNS =
  'INSERT INTO outbox (message_id, type, version, routing_key, envelope, traceparent, created_at) VALUES';

/**
 * Appends events to the outbox inside the caller's transaction; they are published only if it commits.
 *
 * In the services (TypeORM transactions, `deferWrites` switched on by the platform) an appended row is written just
 * before the transaction's COMMIT — in the same round trip as the COMMIT where the platform runs the transaction
 * (`applyOnce`), else in one multi-row INSERT — and after the COMMIT the relay of this process is woken at once.
 * Whatever happens, the rows commit or roll back with the transaction that appended them. Any other executor (a plain
 * pg client) gets its row written at once with `pg_notify` in the same statement, delivered only on commit, for the
 * relay's LISTEN. The services keep NOTIFY off their hot path because PostgreSQL serializes the commits of every
 * notifying transaction in the cluster behind one lock held through the WAL flush (docs/performance.md).
 */
export class Outbox {
  /** Transactions that appended rows, by query runner: true when some were written at once (in a savepoint). */
  private readonly pending = new WeakMap<object, boolean>();
  private readonly listeners = new Set<(commit: OutboxCommit) => void>();
  /** Set by the platform once TypeORM will tell it of every commit and rollback (outboxCommitSubscriber). */
  deferWrites = false;
  /** Marks that ride with the COMMIT of the next transaction writing to this outbox (`takeDeferredOutboxRows`). */
  readonly riders = new CommitRiders();

  /** `now` is the service's clock (the platform's Clock): an envelope's occurredAt agrees with the times in its payload. */
  constructor(
    private readonly producer: ServiceName,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async append<D extends EventDefinition>(
    tx: TrackedTransaction,
    def: D,
    payload: PayloadOf<D>,
    cause: Cause,
  ): Promise<string> {
    const envelope = buildEnvelope(def, payload, this.producer, cause, this.now());
    const values: OutboxValues = [
      envelope.messageId,
      def.type,
      def.version,
      def.routingKey,
      JSON.stringify(envelope),
      currentTraceparent(),
    ];
    const runner = tx.queryRunner;
    // Inside a savepoint, write at once: a rollback to the savepoint must take the row with it.
    const nested = ((runner as { transactionDepth?: number } | undefined)?.transactionDepth ?? 1) > 1;
    if (runner && this.deferWrites && !nested) {
      const list = deferred.get(runner) ?? [];
      const mine = list.find((d) => d.outbox === this) ?? list[list.push({ outbox: this, rows: [] }) - 1];
      mine.rows.push({ values, envelope });
      deferred.set(runner, list);
      if (!this.pending.has(runner)) this.pending.set(runner, false);
      return envelope.messageId;
    } else if (runner) {
      await tx.query(`${COLUMNS} ($1, $2, $3, $4, $5, $6)`, values);
      this.pending.set(runner, true);
      return envelope.messageId;
    } else {
      // pg_notify is transactional: the relay is woken only when this transaction commits.
      await tx.query(`WITH row AS (${COLUMNS} ($1, $2, $3, $4, $5, $6)) SELECT pg_notify($7, '')`, [
        ...values,
        OUTBOX_NOTIFY_CHANNEL,
      ]);
      return envelope.messageId;
    }
  }

  /**
   * Told that a query runner's transaction committed: hands the rows it wrote to the listeners (the relay publishes
   * them at once) — the entry point every transaction of the platform reaches after its COMMIT.
   */
  committed(queryRunner: object): void {
    this.riders.settle(queryRunner, true);
    const unlisted = this.pending.get(queryRunner);
    if (unlisted === undefined) return;
    this.pending.delete(queryRunner);
    const rows = takeWritten(queryRunner, this).map(
      ({ values: [messageId, type, version, routingKey, body, traceparent], envelope }): CommittedOutboxRow => ({
        messageId,
        type,
        version,
        routingKey,
        body,
        envelope,
        traceparent,
      }),
    );
    // Outside the committing request's trace: the publisher's flush carries other transactions' rows too.
    for (const listener of this.listeners) context.with(ROOT_CONTEXT, () => listener({ rows, unlisted }));
  }

  /** Told that a query runner's transaction rolled back: nothing to write or publish. */
  rolledBack(queryRunner: object): void {
    this.riders.settle(queryRunner, false);
    this.pending.delete(queryRunner);
    deferred.delete(queryRunner);
    written.delete(queryRunner);
  }

  /** The relay subscribes here; returns the unsubscribe function. */
  onCommitted(listener: (commit: OutboxCommit) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * The statement that writes every row appended in this transaction and not yet written (taking them), or undefined.
 * `literal` given: values are inlined with it (for the simple protocol, so `…; COMMIT` can follow in one round trip),
 * and the marks waiting to ride with a commit of the same outbox (`CommitRiders`) follow it in the same text;
 * otherwise the statement has $n parameters, returned beside it.
 */
export function takeDeferredOutboxRows(
  queryRunner: object,
  literal?: (value: string) => string,
): { sql: string; params: unknown[] } | undefined {
  const list = deferred.get(queryRunner);
  deferred.delete(queryRunner);
  // Until the transaction's end (committed or rolledBack takes them): a savepoint's release writes rows too.
  if (list) written.set(queryRunner, [...(written.get(queryRunner) ?? []), ...list]);
  const rows = list?.flatMap((d) => d.rows.map((r) => r.values)) ?? [];
  if (rows.length === 0) return undefined;
  if (literal) {
    const tuples = rows.map(
      ([id, type, version, key, env, parent]) =>
        `(${[id, type].map(literal).join(', ')}, ${Number(version)}, ${[key, env].map(literal).join(', ')}, ` +
        `${parent === null ? 'NULL' : literal(parent)}, clock_timestamp())`,
    );
    const riders = [...new Set(list!.map((d) => d.outbox))].flatMap((o) => o.riders.takeFor(queryRunner));
    return { sql: [`${DEFERRED_COLUMNS} ${tuples.join(', ')}`, ...riders].join(';\n'), params: [] };
  }
  const placeholders = rows.map(
    (_, i) => `(${[1, 2, 3, 4, 5, 6].map((k) => `$${i * 6 + k}`).join(', ')}, clock_timestamp())`,
  );
  return { sql: `${DEFERRED_COLUMNS} ${placeholders.join(', ')}`, params: rows.flat() };
}

/** The rows of this outbox that the runner's transaction wrote before its COMMIT (taking them). */
function takeWritten(queryRunner: object, outbox: Outbox): DeferredRow[] {
  const list = written.get(queryRunner);
  if (!list) return [];
  const mine = list.filter((d) => d.outbox === outbox);
  const rest = list.filter((d) => d.outbox !== outbox);
  if (rest.length > 0) written.set(queryRunner, rest);
  else written.delete(queryRunner);
  return mine.flatMap((d) => d.rows);
}
