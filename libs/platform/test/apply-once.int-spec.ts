import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { SochiTopUpCreditedV1, type Envelope } from '#contracts';
import { MESSAGING_TABLES_UP, OUTBOX_TRACE_CONTEXT_UP, Outbox } from '#messaging';
import { applyBatch, applyEach, applyOnce, inTransaction, sql } from '#platform';
import { outboxCommitSubscriber } from '../src/outbox-commit.subscriber.js';
import { TEST_NAMESPACE, TEST_POSTGRES_URL } from '../../../test/support/test-env.js';

const DB = `dostek_it_${TEST_NAMESPACE}apply_once`;

const balanceOf = (id: string) => sql`SELECT balance FROM accounts WHERE id = ${id}`;

/** A message as a consumer receives it (only what applyOnce reads of it matters here). */
const message = (): Envelope =>
  ({
    messageId: randomUUID(),
    type: 'sochi.top-up-requested',
    version: 1,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    producer: 'payment-router',
    payload: {},
  }) as Envelope;

describe('applyOnce, applyBatch and inTransaction: batched round trips against real PostgreSQL', () => {
  let db: DataSource;
  let other: pg.Client;
  const outbox = new Outbox('sochi-balance');
  const credited = () => ({
    paymentId: randomUUID(),
    inn: '01234567890123',
    amount: '100',
    creditedAt: new Date().toISOString(),
  });
  const one = async (sql: string, params: unknown[] = []) => (await db.query(sql, params))[0];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB}`);
    await admin.end();
    db = await new DataSource({
      type: 'postgres',
      url: `${TEST_POSTGRES_URL}/${DB}`,
      subscribers: [outboxCommitSubscriber(outbox)],
    }).initialize();
    for (const sql of [...MESSAGING_TABLES_UP, ...OUTBOX_TRACE_CONTEXT_UP]) await db.query(sql);
    await db.query(`CREATE TABLE accounts (id text PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0))`);
    await db.query(`CREATE TABLE turnover (id text PRIMARY KEY, amount bigint NOT NULL)`);
    other = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/${DB}` });
    await other.connect();
  });

  afterAll(async () => {
    await other?.end();
    await db?.destroy();
  });

  it('applies a message once: a second delivery of the same id runs the reads but not the effect', async () => {
    await db.query(`INSERT INTO accounts VALUES ('once', 100)`);
    const event = message();
    const seen: unknown[] = [];
    const debit = () =>
      applyOnce(db, 'test.debit', event, {
        reads: () => ({ account: sql`SELECT balance FROM accounts WHERE id = ${'once'} FOR UPDATE` }),
        apply: async (tx, _event, { account: [account] }) => {
          seen.push(account.balance);
          tx.atCommit(sql`UPDATE accounts SET balance = balance - 30 WHERE id = ${'once'}`);
        },
      });
    await debit();
    await debit();
    expect(seen).toEqual(['100']);
    expect(await one(`SELECT balance FROM accounts WHERE id = 'once'`)).toEqual({ balance: '70' });
  });

  it('reads after the lock see what the previous holder of the lock committed, in every table (a snapshot per statement)', async () => {
    await db.query(`INSERT INTO accounts VALUES ('locked', 500)`);
    await db.query(`INSERT INTO turnover VALUES ('locked', 0)`);
    // Another transaction holds the lock and changes both tables; ours sends its lock and reads meanwhile.
    await other.query(
      `BEGIN; SELECT 1 FROM accounts WHERE id = 'locked' FOR UPDATE; UPDATE accounts SET balance = 400 WHERE id = 'locked'; UPDATE turnover SET amount = 100 WHERE id = 'locked'`,
    );
    let read: unknown;
    const ours = applyOnce(db, 'test.reads', message(), {
      reads: () => ({
        account: sql`SELECT balance FROM accounts WHERE id = ${'locked'} FOR UPDATE`,
        turnover: sql`SELECT amount FROM turnover WHERE id = ${'locked'}`,
      }),
      apply: async (_tx, _event, rows) => {
        read = rows;
      },
    });
    await new Promise((r) => setTimeout(r, 200)); // ours is waiting on the lock by now
    await other.query('COMMIT');
    await ours;
    expect(read).toEqual({ account: [{ balance: '400' }], turnover: [{ amount: '100' }] });
  });

  it('commits the outbox rows and the atCommit writes together with the inbox claim', async () => {
    await db.query(`INSERT INTO accounts VALUES ('together', 10)`);
    const payload = credited();
    const event = message();
    await applyOnce(db, 'test.together', event, {
      apply: async (tx) => {
        const { account } = await tx.read({ account: balanceOf('together') });
        expect(account).toEqual([{ balance: '10' }]);
        tx.atCommit(sql`UPDATE accounts SET balance = 15 WHERE id = ${'together'}`);
        await outbox.append(tx.manager, SochiTopUpCreditedV1, payload, event);
      },
    });
    expect(await one(`SELECT balance FROM accounts WHERE id = 'together'`)).toEqual({ balance: '15' });
    expect(
      await one(`SELECT count(*)::int AS n FROM outbox WHERE envelope->'payload'->>'paymentId' = $1`, [
        payload.paymentId,
      ]),
    ).toEqual({ n: 1 });
    expect(
      await one(`SELECT count(*)::int AS n FROM inbox WHERE consumer = 'test.together' AND message_id = $1`, [
        event.messageId,
      ]),
    ).toEqual({ n: 1 });
  });

  it('rolls everything back when the effect fails or a write at COMMIT fails, so the message can be retried', async () => {
    await db.query(`INSERT INTO accounts VALUES ('rollback', 5)`);
    const payload = credited();
    const failing = message();
    await expect(
      applyOnce(db, 'test.rollback', failing, {
        apply: async (tx) => {
          await outbox.append(tx.manager, SochiTopUpCreditedV1, payload, failing);
          // Drives the balance below zero: the CHECK fails at COMMIT, after the outbox row in the same message.
          tx.atCommit(sql`UPDATE accounts SET balance = balance - 6 WHERE id = 'rollback'`);
        },
      }),
    ).rejects.toThrow(/check constraint/);
    await expect(
      applyOnce(db, 'test.rollback', message(), {
        apply: async () => {
          throw new Error('the effect failed');
        },
      }),
    ).rejects.toThrow('the effect failed');
    expect(await one(`SELECT balance FROM accounts WHERE id = 'rollback'`)).toEqual({ balance: '5' });
    expect(
      await one(`SELECT count(*)::int AS n FROM outbox WHERE envelope->'payload'->>'paymentId' = $1`, [
        payload.paymentId,
      ]),
    ).toEqual({ n: 0 });
    expect(await one(`SELECT count(*)::int AS n FROM inbox WHERE consumer = 'test.rollback'`)).toEqual({ n: 0 });
  });

  it('inlines values as literals that cannot break out of the statement', async () => {
    const id = `it's \\ "quoted"; DROP TABLE accounts; --`;
    const value = await inTransaction(
      db,
      { inserted: sql`INSERT INTO accounts VALUES (${id}, ${7n}) RETURNING id, balance` },
      async (_tx, { inserted: [row] }) => row,
    );
    expect(value).toEqual({ id, balance: '7' });
    expect(await one(`SELECT count(*)::int AS n FROM accounts WHERE id = $1`, [id])).toEqual({ n: 1 });
  });

  describe('a failure anywhere rolls back before the connection goes back to the pool', () => {
    // One pooled connection: whatever the failed transaction left on it, the next caller gets.
    let single: DataSource;
    beforeAll(async () => {
      single = await new DataSource({
        type: 'postgres',
        url: `${TEST_POSTGRES_URL}/${DB}`,
        extra: { max: 1 },
      }).initialize();
    });
    afterAll(async () => {
      await single?.destroy();
    });
    /** Inside an aborted transaction this fails (25P02); inside an open one, now() is the older transaction's start. */
    const nextCallerSeesNoTransaction = async () => {
      expect(await single.query(`SELECT now() = statement_timestamp() AS own`)).toEqual([{ own: true }]);
    };

    it.each([
      ['an opening statement that raises', { bad: sql`SELECT 1 / 0` }],
      [
        'a lock timeout on the opening FOR UPDATE',
        { t: sql`SET LOCAL lock_timeout = '50ms'`, x: sql`SELECT 1 FROM accounts WHERE id = 'held' FOR UPDATE` },
      ],
      ['an opening statement the server cannot parse', { bad: sql`SELEC 1` }],
    ])('%s', async (_name, opening) => {
      await single.query(`INSERT INTO accounts VALUES ('held', 1) ON CONFLICT DO NOTHING`);
      await other.query(`BEGIN; SELECT 1 FROM accounts WHERE id = 'held' FOR UPDATE`);
      try {
        await expect(inTransaction(single, opening, async () => 1)).rejects.toThrow();
      } finally {
        await other.query('ROLLBACK');
      }
      await nextCallerSeesNoTransaction();
    });

    it('an effect that writes, then fails', async () => {
      await expect(
        inTransaction(single, { a: sql`INSERT INTO accounts VALUES ('effect-fails', 1)` }, async () => {
          throw new Error('the effect failed');
        }),
      ).rejects.toThrow('the effect failed');
      await nextCallerSeesNoTransaction();
      expect(await single.query(`SELECT 1 FROM accounts WHERE id = 'effect-fails'`)).toEqual([]);
    });

    it('a connection whose ROLLBACK fails too is not handed out again', async () => {
      const killer = setTimeout(
        () =>
          void other.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%pg_sleep(2)%'`,
          ),
        300,
      );
      await expect(inTransaction(single, { slow: sql`SELECT pg_sleep(2)` }, async () => 1)).rejects.toThrow();
      clearTimeout(killer);
      await nextCallerSeesNoTransaction();
    });
  });

  describe('applyBatch: a batch of messages in one transaction', () => {
    it('claims all in one insert: a duplicate in the batch and one applied earlier are left out', async () => {
      const [a, b, c] = [message(), message(), message()];
      const applied: string[][] = [];
      const batch = (events: Envelope[]) =>
        applyBatch(db, 'test.batch', events, {
          reads: () => ({}),
          apply: async (_tx, fresh) => void applied.push(fresh.map((e) => e.messageId)),
        });
      await batch([a, b, a]);
      await batch([b, c, c]);
      expect(applied).toEqual([[a.messageId, b.messageId], [c.messageId]]);
      expect(await one(`SELECT count(*)::int AS n FROM inbox WHERE consumer = 'test.batch'`)).toEqual({ n: 3 });
    });

    it('the adapter applies each message in turn: a later one reads what an earlier one held for COMMIT', async () => {
      await db.query(`INSERT INTO accounts VALUES ('each', 100)`);
      const seen: string[] = [];
      await applyEach(db, 'test.each', [message(), message(), message()], {
        reads: () => ({ account: sql`SELECT balance FROM accounts WHERE id = ${'each'} FOR UPDATE` }),
        apply: async (tx, _event, { account: [account] }) => {
          seen.push(account.balance);
          tx.atCommit(sql`UPDATE accounts SET balance = balance - 30 WHERE id = ${'each'}`);
        },
      });
      expect(seen).toEqual(['100', '70', '40']);
      expect(await one(`SELECT balance FROM accounts WHERE id = 'each'`)).toEqual({ balance: '10' });
    });
  });
});
