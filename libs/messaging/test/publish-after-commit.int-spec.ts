import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SochiTopUpCreditedV1 } from '#contracts';
import { BrokerConnection, Outbox, OutboxRelay, takeDeferredOutboxRows } from '#messaging';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { freshMessagingDatabase } from '../../../test/support/messaging-database.js';
import { eventually } from '../../../test/support/eventually.js';
import { TEST_AMQP_URL, TEST_NAMESPACE, TEST_POSTGRES_URL } from '../../../test/support/test-env.js';

const DB = `dostek_it_${TEST_NAMESPACE}publishing`;
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The platform's side of the outbox contract, played on a plain connection: rows appended to a transaction are written
 * just before its COMMIT (`takeDeferredOutboxRows`) and, once it committed, the outbox is told (`committed`) — what
 * `inTransaction` and the TypeORM subscriber do in the services.
 */
class PlatformTransaction {
  /** The transaction's identity for the outbox, as a TypeORM query runner is. */
  readonly queryRunner = {};
  constructor(private readonly client: pg.Client) {}
  query(sql: string, params?: unknown[]) {
    return this.client.query(sql, params);
  }
}

describe('publishing after commit, by the process that committed', () => {
  let db: pg.Client;
  let tap: BrokerTap;
  const brokers: BrokerConnection[] = [];
  const relays: OutboxRelay[] = [];

  const startRelay = async (
    outbox: Outbox | undefined,
    options: { pollIntervalMs: number; graceMs?: number; markRideMs?: number },
  ) => {
    const broker = new BrokerConnection(TEST_AMQP_URL, 'publish-test');
    const relay = new OutboxRelay(broker, {
      databaseUrl: `${TEST_POSTGRES_URL}/${DB}`,
      outbox,
      logger: quiet,
      ...options,
    });
    brokers.push(broker);
    relays.push(relay);
    await relay.start();
    // A commit told to the relay before its broker connection is up is left to the poll after the grace (by design:
    // the in-process publish never waits for a broker), which these tests set far off: start connected.
    await eventually(() => expect(broker.isConnected()).toBe(true));
    return relay;
  };
  const credited = () => ({
    paymentId: randomUUID(),
    inn: '01234567890123',
    amount: '100',
    creditedAt: new Date().toISOString(),
  });
  /** One transaction appending `count` events; returns their payment ids once committed (and the outbox told). */
  const commit = async (outbox: Outbox, count = 1, tell = true, inline = false): Promise<string[]> => {
    const tx = new PlatformTransaction(db);
    const ids: string[] = [];
    await db.query('BEGIN');
    for (let i = 0; i < count; i++) {
      const p = credited();
      ids.push(p.paymentId);
      await outbox.append(tx, SochiTopUpCreditedV1, p, { correlationId: p.paymentId });
    }
    // Inlined, as `inTransaction` sends them: then the marks waiting for a carrier ride along.
    const rows = takeDeferredOutboxRows(tx.queryRunner, inline ? (v) => db.escapeLiteral(v) : undefined);
    if (rows) await db.query(rows.sql, rows.params);
    await db.query('COMMIT');
    if (tell) outbox.committed(tx.queryRunner);
    return ids;
  };
  /** The transaction that last wrote the outbox row of a payment (its xmin), and whether it is marked published. */
  const rowOf = async (paymentId: string) =>
    (
      await db.query(
        `SELECT xmin::text AS xmin, published_at FROM outbox WHERE envelope->'payload'->>'paymentId' = $1`,
        [paymentId],
      )
    ).rows[0] as { xmin: string; published_at: Date | null };
  const seen = (paymentId: string) =>
    tap.eventsOf('sochi.top-up-credited').filter((e) => e.payload.paymentId === paymentId).length;

  beforeAll(async () => {
    ({ db } = await freshMessagingDatabase(DB));
    tap = await BrokerTap.open();
  });

  // Each test's relays stop with it: one left polling with a short grace would claim the next test's young rows.
  afterEach(async () => {
    for (const r of relays.splice(0)) await r.stop();
    for (const b of brokers.splice(0)) await b.close();
  });

  afterAll(async () => {
    await db.end();
    await tap.close();
  });

  it('publishes a committed event at once, without the poll, and marks it published', async () => {
    const outbox = new Outbox('sochi-balance');
    outbox.deferWrites = true;
    await startRelay(outbox, { pollIntervalMs: 600_000 });
    // The broker connection is up once the relay published something; a first event warms it.
    await commit(outbox);
    await eventually(async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
      expect(rows[0].n).toBe(0);
    });
    const started = Date.now();
    const [paymentId] = await commit(outbox);
    await eventually(() => expect(seen(paymentId)).toBe(1), 2000, 5);
    expect(Date.now() - started).toBeLessThan(200);
    await eventually(async () => {
      const { rows } = await db.query(`SELECT published_at FROM outbox WHERE envelope->'payload'->>'paymentId' = $1`, [
        paymentId,
      ]);
      expect(rows[0].published_at).not.toBeNull();
    });
  });

  it('leaves the rows of a process that died between commit and publish to the relay, which sends them', async () => {
    // The process that committed is gone: its outbox never hears of the commit.
    const dead = new Outbox('sochi-balance');
    dead.deferWrites = true;
    const [paymentId] = await commit(dead, 1, false);
    await startRelay(undefined, { pollIntervalMs: 100, graceMs: 300 });
    await eventually(() => expect(seen(paymentId)).toBe(1), 5000);
    await eventually(async () => {
      const { rows } = await db.query(`SELECT published_at FROM outbox WHERE envelope->'payload'->>'paymentId' = $1`, [
        paymentId,
      ]);
      expect(rows[0].published_at).not.toBeNull();
    });
  });

  it('is not raced by polling relays into publishing the same rows twice', async () => {
    const outbox = new Outbox('sochi-balance');
    outbox.deferWrites = true;
    await startRelay(outbox, { pollIntervalMs: 20 });
    // Another instance polls eagerly too, with the default grace period.
    await startRelay(undefined, { pollIntervalMs: 20 });
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push(...(await commit(outbox, 1 + (i % 3))));
    await eventually(async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
      expect(rows[0].n).toBe(0);
    });
    await new Promise((r) => setTimeout(r, 300));
    const copies = ids.map(seen);
    expect(copies.filter((n) => n === 0)).toEqual([]);
    expect(copies.filter((n) => n > 1)).toEqual([]);
  });

  it('sends many commits in one flush while a flush is under way, and marks them with few transactions', async () => {
    const outbox = new Outbox('sochi-balance');
    outbox.deferWrites = true;
    const relay = await startRelay(outbox, { pollIntervalMs: 600_000 });
    const marks = async () =>
      (
        await db.query(
          `SELECT count(DISTINCT xmin::text)::int AS n FROM outbox WHERE envelope->'payload'->>'paymentId' = ANY($1)`,
          [ids],
        )
      ).rows[0].n as number;
    // Fifty transactions committed back to back on separate connections, as concurrent requests would.
    const clients = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const c = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/${DB}` });
        await c.connect();
        return c;
      }),
    );
    const ids: string[] = [];
    try {
      await Promise.all(
        clients.map(async (c) => {
          for (let i = 0; i < 5; i++) {
            const tx = new PlatformTransaction(c);
            const p = credited();
            ids.push(p.paymentId);
            await c.query('BEGIN');
            await outbox.append(tx, SochiTopUpCreditedV1, p, { correlationId: p.paymentId });
            const rows = takeDeferredOutboxRows(tx.queryRunner)!;
            await c.query(rows.sql, rows.params);
            await c.query('COMMIT');
            outbox.committed(tx.queryRunner);
          }
        }),
      );
      await relay.flush();
      // Confirmed by the broker; the tap's own delivery may lag behind on a busy machine.
      await eventually(() => expect(ids.map(seen).every((n) => n === 1)).toBe(true));
      // Each mark is one transaction: the rows' xmin after it. Coalesced, far fewer than one per commit.
      expect(await marks()).toBeLessThan(ids.length / 2);
    } finally {
      for (const c of clients) await c.end();
    }
  });

  /** One event published and confirmed, its mark waiting (5 s at most) for a transaction to carry it. */
  const confirmedAwaitingItsMark = async () => {
    const outbox = new Outbox('sochi-balance');
    outbox.deferWrites = true;
    await startRelay(outbox, { pollIntervalMs: 600_000, graceMs: 20_000, markRideMs: 5000 });
    const [first] = await commit(outbox, 1, true, true);
    await eventually(() => expect(seen(first)).toBe(1), 5000);
    await new Promise((r) => setTimeout(r, 100));
    return { outbox, first };
  };

  it("marks a confirmed flush published with the COMMIT of the process's next transaction, not in one of its own", async () => {
    const { outbox, first } = await confirmedAwaitingItsMark();
    expect((await rowOf(first)).published_at).toBeNull();
    const [second] = await commit(outbox, 1, true, true);
    const carried = await rowOf(first);
    expect(carried.published_at).not.toBeNull();
    expect(carried.xmin).toBe((await rowOf(second)).xmin);
  });

  it('marks the flush by itself when the transaction that carried its mark rolled back', async () => {
    const { outbox, first } = await confirmedAwaitingItsMark();
    const tx = new PlatformTransaction(db);
    await db.query('BEGIN');
    await outbox.append(tx, SochiTopUpCreditedV1, credited(), { correlationId: randomUUID() });
    const rows = takeDeferredOutboxRows(tx.queryRunner, (v) => db.escapeLiteral(v))!;
    await db.query(rows.sql);
    await db.query('ROLLBACK');
    outbox.rolledBack(tx.queryRunner);
    await eventually(async () => expect((await rowOf(first)).published_at).not.toBeNull(), 2000);
  });
});
