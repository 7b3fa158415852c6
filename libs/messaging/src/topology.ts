import type { Channel } from 'amqplib';
import { EVENTS_EXCHANGE, PARKING_EXCHANGE, TOPOLOGY } from '#contracts';

/** How many deliveries the broker allows before it dead-letters a message to parking (a safety net under the consumer's own limit). */
export const BROKER_DELIVERY_LIMIT = 20;

/**
 * Declares the whole topology: exchanges, every service's quorum queue with its bindings, and parking queues.
 * Idempotent; every service runs it on connect so routes exist before any message is published.
 */
export async function assertTopology(ch: Channel): Promise<void> {
  await ch.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
  await ch.assertExchange(PARKING_EXCHANGE, 'direct', { durable: true });
  for (const spec of TOPOLOGY) {
    await ch.assertQueue(spec.parkingQueue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await ch.bindQueue(spec.parkingQueue, PARKING_EXCHANGE, spec.service);
    await ch.assertQueue(spec.queue, {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-delivery-limit': BROKER_DELIVERY_LIMIT,
        'x-dead-letter-exchange': PARKING_EXCHANGE,
        'x-dead-letter-routing-key': spec.service,
        'x-dead-letter-strategy': 'at-least-once',
        'x-overflow': 'reject-publish',
      },
    });
    for (const key of spec.routingKeys) await ch.bindQueue(spec.queue, EVENTS_EXCHANGE, key);
  }
}
