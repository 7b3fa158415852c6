import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SochiTopUpRequestedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { takeParked, type Parked } from '../../../test/support/parked-store.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';

const INN = '01234567890123';

describe('sochi-balance against real PostgreSQL and RabbitMQ', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('sochi-balance', async () => (await import('../src/app.module.js')).AppModule);
    expect((await http(svc.baseUrl, 'POST', '/v1/sochi/organizations', { inn: INN, name: 'ОсОО Тест' })).status).toBe(
      201,
    );
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  const request = (amount: string, inn = INN, paymentId = randomUUID()) =>
    buildEnvelope(
      SochiTopUpRequestedV1,
      { paymentId, inn, amount, payerPhone: '996555000001', requestedAt: new Date().toISOString() },
      'wallet',
      {
        correlationId: paymentId,
      },
    );

  it('credits the balance at once and publishes exactly the committed credit event', async () => {
    const msg = request('15000');
    await tap.publish(msg);
    const credited = await eventually(() => {
      const [e] = tap.eventsOf('sochi.top-up-credited').filter((x) => x.payload.paymentId === msg.payload.paymentId);
      expect(e).toBeDefined();
      return e;
    });
    expect(credited.payload).toMatchObject({ inn: INN, amount: '15000' });
    expect(credited.causationId).toBe(msg.messageId);
    expect(credited.correlationId).toBe(msg.correlationId);
    const org = await http(svc.baseUrl, 'GET', `/v1/sochi/organizations/${INN}`);
    expect(org.body.balance).toBe('150.00');
    expect(org.body.credits).toHaveLength(1);
    // Marked published once confirmed: with the next commit, or by itself within 100 ms when none comes.
    await eventually(async () => {
      const { rows } = await svc.db.query(
        `SELECT count(*)::int AS n, count(published_at)::int AS published FROM outbox`,
      );
      expect(rows[0]).toEqual({ n: 1, published: 1 });
    });
  });

  it('applies a duplicate delivery once, whether the message or only the payment repeats', async () => {
    const msg = request('100');
    await tap.publish(msg);
    await tap.publish(msg);
    await tap.publish({ ...msg, messageId: randomUUID() });
    await eventually(async () => {
      const { rows } = await svc.db.query(`SELECT count(*)::int AS n FROM inbox WHERE message_id = $1`, [
        msg.messageId,
      ]);
      expect(rows[0].n).toBe(1);
      expect(await tap.queueDepth('sochi-balance.events')).toBe(0);
    });
    await svc.flushOutbox();
    const { rows } = await svc.db.query(`SELECT count(*)::int AS n FROM sochi_ledger WHERE payment_id = $1`, [
      msg.payload.paymentId,
    ]);
    expect(rows[0].n).toBe(1);
    await eventually(() =>
      expect(
        tap.eventsOf('sochi.top-up-credited').filter((e) => e.payload.paymentId === msg.payload.paymentId),
      ).toHaveLength(1),
    );
    expect((await http(svc.baseUrl, 'GET', `/v1/sochi/organizations/${INN}`)).body.balance).toBe('151.00');
  });

  it('refuses a payment to an unknown INN and credits nothing', async () => {
    const msg = request('500', '99999999999999');
    await tap.publish(msg);
    const refused = await eventually(() => {
      const [e] = tap.eventsOf('sochi.top-up-refused').filter((x) => x.payload.paymentId === msg.payload.paymentId);
      expect(e).toBeDefined();
      return e;
    });
    expect(refused.payload.reason).toBe('UNKNOWN_INN');
    const { rows } = await svc.db.query(`SELECT count(*)::int AS n FROM sochi_ledger WHERE payment_id = $1`, [
      msg.payload.paymentId,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a refused payment again, under a new message id, after its organization registers', async () => {
    const inn = '88888888888888';
    const msg = request('700', inn);
    const refusals = () =>
      tap.eventsOf('sochi.top-up-refused').filter((x) => x.payload.paymentId === msg.payload.paymentId);
    await tap.publish(msg);
    await eventually(() => expect(refusals()).toHaveLength(1));
    expect((await http(svc.baseUrl, 'POST', '/v1/sochi/organizations', { inn, name: 'ОсОО Поздно' })).status).toBe(201);
    await tap.publish({ ...msg, messageId: randomUUID() });
    await eventually(() => expect(refusals()).toHaveLength(2));
    expect(refusals().map((e) => e.payload.reason)).toEqual(['UNKNOWN_INN', 'UNKNOWN_INN']);
    const org = await http(svc.baseUrl, 'GET', `/v1/sochi/organizations/${inn}`);
    expect(org.body).toMatchObject({ balance: '0.00', credits: [] });
    expect(tap.eventsOf('sochi.top-up-credited').filter((x) => x.payload.paymentId === msg.payload.paymentId)).toEqual(
      [],
    );
  });

  it('parks malformed, unknown and schema-violating messages with their reasons and keeps consuming', async () => {
    const key = SochiTopUpRequestedV1.routingKey;
    await tap.publishRaw(key, 'not json {');
    await tap.publishRaw(key, JSON.stringify({ hello: 'world' }));
    await tap.publish({ ...request('100'), type: 'sochi.top-up-requested', version: 9 }, key);
    await tap.publish({ ...request('100'), payload: { paymentId: randomUUID(), inn: INN, amount: '1.5' } } as never);
    const good = request('200');
    await tap.publish(good);
    await eventually(() =>
      expect(tap.eventsOf('sochi.top-up-credited').some((e) => e.payload.paymentId === good.payload.paymentId)).toBe(
        true,
      ),
    );
    const parked: Parked[] = [];
    await eventually(async () => {
      parked.push(...(await takeParked(svc.db)));
      expect(parked).toHaveLength(4);
    });
    expect(parked.map((p) => p.code).sort()).toEqual([
      'DATA_REJECTED',
      'INVALID_ENVELOPE',
      'SCHEMA_VIOLATION',
      'UNKNOWN_EVENT',
    ]);
    expect(parked.find((p) => p.code === 'SCHEMA_VIOLATION')?.reason).toMatch(/amount/);
  });

  it('refuses a bad registration with problem+json and changes nothing', async () => {
    const res = await http(svc.baseUrl, 'POST', '/v1/sochi/organizations', { inn: '123', name: 'X' });
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const dup = await http(svc.baseUrl, 'POST', '/v1/sochi/organizations', { inn: INN, name: 'Other' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('ORGANIZATION_EXISTS');
    expect((await http(svc.baseUrl, 'GET', `/v1/sochi/organizations/${INN}`)).body.name).toBe('ОсОО Тест');
  });
});
