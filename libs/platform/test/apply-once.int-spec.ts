import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { SochiTopUpCreditedV1, type Envelope } from '#contracts';
import { MESSAGING_TABLES_UP, OUTBOX_TRACE_CONTEXT_UP, Outbox } from '#messaging';
import { applyOnce, inTransaction } from '#platform';
import { outboxCommitSubscriber } from '../src/outbox-commit.subscriber.js';
import { TEST_NAMESPACE, TEST_POSTGRES_URL } from '../../../test/support/test-env.js';

const DB = `dostek_it_${TEST_NAMESPACE}apply_once`;

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

describe('applyOnce and inTransaction: batched round trips against real PostgreSQL', () => {
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
      applyOnce(
        db,
        'test.debit',
        event,
        async (_tx, { opened: [[account]], lit, atCommit }) => {
          seen.push(account.balance);
          atCommit(`UPDATE accounts SET balance = balance - 30 WHERE id = ${lit('once')}`);
        },
        { reads: (lit) => [`SELECT balance FROM accounts WHERE id = ${lit('once')} FOR UPDATE`] },
      );
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
    const ours = applyOnce(
      db,
      'test.reads',
      message(),
      async (_tx, { opened }) => {
        read = opened;
      },
      {
        reads: (lit) => [
          `SELECT balance FROM accounts WHERE id = ${lit('locked')} FOR UPDATE`,
          `SELECT amount FROM turnover WHERE id = ${lit('locked')}`,
        ],
      },
    );
    await new Promise((r) => setTimeout(r, 200)); // ours is waiting on the lock by now
    await other.query('COMMIT');
    await ours;
    expect(read).toEqual([[{ balance: '400' }], [{ amount: '100' }]]);
  });

  it('commits the outbox rows and the atCommit writes together with the inbox claim', async () => {
    await db.query(`INSERT INTO accounts VALUES ('together', 10)`);
    const payload = credited();
    const event = message();
    await applyOnce(db, 'test.together', event, async (tx, { lit, atCommit, batch }) => {
      const [[row]] = await batch([`SELECT balance FROM accounts WHERE id = ${lit('together')}`]);
      expect(row).toEqual({ balance: '10' });
      atCommit(`UPDATE accounts SET balance = 15 WHERE id = ${lit('together')}`);
      await outbox.append(tx, SochiTopUpCreditedV1, payload, event);
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
      applyOnce(db, 'test.rollback', failing, async (tx, { atCommit }) => {
        await outbox.append(tx, SochiTopUpCreditedV1, payload, failing);
        // Drives the balance below zero: the CHECK fails at COMMIT, after the outbox row was written in the same message.
        atCommit(`UPDATE accounts SET balance = balance - 6 WHERE id = 'rollback'`);
      }),
    ).rejects.toThrow(/check constraint/);
    await expect(
      applyOnce(db, 'test.rollback', message(), async () => {
        throw new Error('the effect failed');
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
      (lit) => [`INSERT INTO accounts VALUES (${lit(id)}, ${lit(7n)}) RETURNING id, balance`],
      async (_tx, { opened: [[row]] }) => row,
    );
    expect(value).toEqual({ id, balance: '7' });
    expect(await one(`SELECT count(*)::int AS n FROM accounts WHERE id = $1`, [id])).toEqual({ n: 1 });
  });
});
