import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SochiTopUpCreditedV1 } from '#contracts';
import { BrokerConnection, Outbox, OutboxRelay } from '#messaging';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { freshMessagingDatabase } from '../../../test/support/messaging-database.js';
import { eventually } from '../../../test/support/eventually.js';
import { TEST_AMQP_URL, TEST_NAMESPACE, TEST_POSTGRES_URL } from '../../../test/support/test-env.js';

const DB = `dostek_it_${TEST_NAMESPACE}messaging`;
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('the outbox relay against real PostgreSQL and RabbitMQ', () => {
  let db: pg.Client;
  let tap: BrokerTap;
  const outbox = new Outbox('sochi-balance');
  const brokers: BrokerConnection[] = [];
  const relays: OutboxRelay[] = [];

  // Relays here poll once a minute unless told otherwise: whatever they publish sooner, NOTIFY woke them for.
  const startRelay = async (pollIntervalMs = 60_000) => {
    const broker = new BrokerConnection(TEST_AMQP_URL, 'relay-test');
    const relay = new OutboxRelay(broker, {
      databaseUrl: `${TEST_POSTGRES_URL}/${DB}`,
      batchSize: 50,
      pollIntervalMs,
      logger: quiet,
    });
    brokers.push(broker);
    relays.push(relay);
    await relay.start();
    return relay;
  };
  const credited = (paymentId = randomUUID()) => ({
    paymentId,
    inn: '01234567890123',
    amount: '100',
    creditedAt: new Date().toISOString(),
  });
  const inTransaction = async (fn: () => Promise<void>, commit: boolean) => {
    await db.query('BEGIN');
    await fn();
    await db.query(commit ? 'COMMIT' : 'ROLLBACK');
  };

  beforeAll(async () => {
    ({ db } = await freshMessagingDatabase(DB));
    tap = await BrokerTap.open();
  });

  afterAll(async () => {
    for (const r of relays) await r.stop();
    for (const b of brokers) await b.close();
    await db.end();
    await tap.close();
  });

  it('publishes exactly what was committed, never what was rolled back, and marks it published after the confirm', async () => {
    const relay = await startRelay();
    const kept = credited();
    const dropped = credited();
    await inTransaction(
      () => outbox.append(db, SochiTopUpCreditedV1, kept, { correlationId: kept.paymentId }).then(() => undefined),
      true,
    );
    await inTransaction(
      () =>
        outbox.append(db, SochiTopUpCreditedV1, dropped, { correlationId: dropped.paymentId }).then(() => undefined),
      false,
    );
    await eventually(() =>
      expect(tap.eventsOf('sochi.top-up-credited').map((e) => e.payload.paymentId)).toContain(kept.paymentId),
    );
    await relay.flush();
    expect(tap.eventsOf('sochi.top-up-credited').map((e) => e.payload.paymentId)).not.toContain(dropped.paymentId);
    const { rows } = await db.query(`SELECT count(*)::int AS n, count(published_at)::int AS published FROM outbox`);
    expect(rows[0]).toEqual({ n: 1, published: 1 });
  });

  it('is woken by NOTIFY on commit rather than waiting for its next poll', async () => {
    const p = credited();
    await outbox.append(db, SochiTopUpCreditedV1, p, { correlationId: p.paymentId });
    await eventually(
      () => expect(tap.eventsOf('sochi.top-up-credited').some((e) => e.payload.paymentId === p.paymentId)).toBe(true),
      10_000,
    );
  });

  it('still publishes a row whose notification was lost, by polling', async () => {
    await startRelay(100);
    const p = credited();
    const envelope = {
      messageId: randomUUID(),
      type: 'sochi.top-up-credited',
      version: 1,
      occurredAt: new Date().toISOString(),
      correlationId: p.paymentId,
      causationId: null,
      producer: 'sochi-balance',
      payload: p,
    };
    await db.query(
      `INSERT INTO outbox (message_id, type, version, routing_key, envelope) VALUES ($1, $2, 1, 'sochi.top-up-credited.v1', $3)`,
      [envelope.messageId, envelope.type, JSON.stringify(envelope)],
    );
    await eventually(() =>
      expect(tap.eventsOf('sochi.top-up-credited').some((e) => e.payload.paymentId === p.paymentId)).toBe(true),
    );
  });

  it('shares a backlog between two relays without losing a message', async () => {
    await startRelay();
    const ids = Array.from({ length: 300 }, () => credited());
    await db.query('BEGIN');
    for (const p of ids) await outbox.append(db, SochiTopUpCreditedV1, p, { correlationId: p.paymentId });
    await db.query('COMMIT');
    await eventually(async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
      expect(rows[0].n).toBe(0);
    });
    const seen = new Set(tap.eventsOf('sochi.top-up-credited').map((e) => e.payload.paymentId));
    expect(ids.every((p) => seen.has(p.paymentId))).toBe(true);
  });

  it('lives on when the server ends the connection of a batch it is claiming (a database restart), and publishes after', async () => {
    const relay = await startRelay(100);
    // Hold the table so that a claim waits on it with its connection checked out of the relay's pool.
    const locker = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/${DB}` });
    await locker.connect();
    await locker.query('BEGIN; LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE');
    const admin = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/postgres` });
    await admin.connect();
    try {
      const waiting = async () =>
        (
          await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [DB])
        ).rows.map((r) => r.pid);
      await eventually(async () => expect((await waiting()).length).toBeGreaterThan(0));
      // As in a fast shutdown: the server ends the backend while its client is in use. pg emits 'error' on that
      // client; unheard, the event would end the process (it did: a service died in a PostgreSQL-restart fault test).
      for (const pid of await waiting()) await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await locker.query('ROLLBACK');
      const p = credited();
      await outbox.append(db, SochiTopUpCreditedV1, p, { correlationId: p.paymentId });
      await eventually(() =>
        expect(tap.eventsOf('sochi.top-up-credited').some((e) => e.payload.paymentId === p.paymentId)).toBe(true),
      );
      await relay.flush();
    } finally {
      await locker.end().catch(() => undefined);
      await admin.end();
    }
  });

  it('refuses to build an event that breaks its contract, so nothing invalid reaches the outbox', async () => {
    await expect(
      outbox.append(db, SochiTopUpCreditedV1, { ...credited(), amount: '1.50' }, { correlationId: 'x' }),
    ).rejects.toThrow(/amount/);
  });
});
