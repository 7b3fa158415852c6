import type { ConsumeMessage } from 'amqplib';
import { BROKER_DEAD_LETTER, parkedMessageOf } from './parked-message.js';

const message = (content: Buffer, properties: Record<string, unknown>): ConsumeMessage =>
  ({
    content,
    fields: { routingKey: 'wallet' },
    properties: { headers: {}, ...properties },
  }) as unknown as ConsumeMessage;
const now = new Date('2026-11-10T06:00:00Z');

describe('a message off a parking queue', () => {
  it('parked by the consumer: its code, reason, time and the original publisher from the headers', () => {
    const parked = parkedMessageOf(
      message(Buffer.from('{"x":1}'), {
        messageId: 'm-1',
        userId: 'dostek-sochi-balance',
        headers: {
          'x-parked-code': 'FORGED_PRODUCER',
          'x-parked-reason': 'no\u0000pe',
          'x-parked-at': '2026-11-09T01:02:03.000Z',
          'x-parked-user-id': 'dostek-ecp-invoicing',
          'x-original-routing-key': 'sochi.top-up-requested.v1',
        },
      }),
      'sochi-balance.parking',
      'dostek-sochi-balance',
      now,
    );
    expect(parked).toMatchObject({
      messageId: 'm-1',
      code: 'FORGED_PRODUCER',
      reason: 'no\uFFFDpe',
      routingKey: 'sochi.top-up-requested.v1',
      originalUserId: 'dostek-ecp-invoicing',
      parkedAt: new Date('2026-11-09T01:02:03.000Z'),
    });
    expect(JSON.parse(parked.properties)).toEqual({ messageId: 'm-1', userId: 'dostek-sochi-balance' });
  });

  it('dead-lettered by the broker: BROKER_DEAD_LETTER from x-death, its own user_id, a body id when it has none', () => {
    const body = Buffer.from([0xff, 0x00]);
    const parked = parkedMessageOf(
      message(body, {
        userId: 'dostek-payment-router',
        headers: {
          'x-death': [
            { count: 20, reason: 'delivery_limit', queue: 'wallet.events', 'routing-keys': ['payment.requested.v1'] },
          ],
        },
      }),
      'wallet.parking',
      'dostek-wallet',
      now,
    );
    expect(parked).toMatchObject({
      code: BROKER_DEAD_LETTER,
      reason: 'dead-lettered by the broker (delivery_limit) from wallet.events after 20 deliveries',
      routingKey: 'payment.requested.v1',
      originalUserId: 'dostek-payment-router',
      parkedAt: now,
      body,
    });
    expect(parked.messageId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('put there by anyone else: its made-up x-parked-* headers are not believed, its own user_id is its publisher', () => {
    const parked = parkedMessageOf(
      message(Buffer.from('{}'), {
        messageId: 'm-2',
        userId: 'dostek-wallet',
        headers: {
          'x-parked-code': 'RETRIES_EXHAUSTED',
          'x-parked-user-id': 'dostek-payment-router',
          'x-parked-at': '2020-01-01T00:00:00Z',
        },
      }),
      'sochi-balance.parking',
      'dostek-sochi-balance',
      now,
    );
    expect(parked).toMatchObject({ code: BROKER_DEAD_LETTER, originalUserId: 'dostek-wallet', parkedAt: now });
  });
});
