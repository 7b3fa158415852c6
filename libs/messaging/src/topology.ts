import type { Channel } from 'amqplib';
import { EVENTS_EXCHANGE, PARKING_EXCHANGE, queueOf, TOPOLOGY, type QueueSpec, type ServiceName } from '#contracts';

/** How many deliveries the broker allows before it dead-letters a message to parking (a safety net under the consumer's own limit). */
export const BROKER_DELIVERY_LIMIT = 20;

/**
 * Declares one service's part of the topology: the two shared exchanges, its quorum queue with its bindings and its
 * parking queue — all its broker user may configure (brokerPermissionsOf). Idempotent; the service runs it on every
 * connect, so its queue exists and is bound before it publishes anything.
 */
export async function assertServiceTopology(
  ch: Channel,
  service: ServiceName,
  replicas?: QuorumReplicas,
): Promise<void> {
  await assertExchanges(ch);
  await assertQueues(ch, queueOf(service), replicas);
}

/**
 * How many nodes a quorum queue is replicated on when it is first declared: the cluster's node count, given by the
 * number of broker URLs the process lists (AMQP_URLS). One URL (a single node) declares none, as before. RabbitMQ
 * refuses a declaration whose arguments differ from the queue's, so every client of a vhost must list the same nodes.
 */
export type QuorumReplicas = number | undefined;
export function quorumReplicasFor(brokerUrls: readonly string[]): QuorumReplicas {
  return brokerUrls.length > 1 ? brokerUrls.length : undefined;
}

/**
 * Declares the whole topology, every service's queues included: for tools and tests that act as the broker's
 * operator (the test tap, the benchmark), never for a service.
 */
export async function assertTopology(ch: Channel, replicas?: QuorumReplicas): Promise<void> {
  await assertExchanges(ch);
  for (const spec of TOPOLOGY) await assertQueues(ch, spec, replicas);
}

async function assertExchanges(ch: Channel): Promise<void> {
  await ch.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
  await ch.assertExchange(PARKING_EXCHANGE, 'direct', { durable: true });
}

async function assertQueues(ch: Channel, spec: QueueSpec, replicas: QuorumReplicas): Promise<void> {
  const quorum = { 'x-queue-type': 'quorum', ...(replicas ? { 'x-quorum-initial-group-size': replicas } : {}) };
  await ch.assertQueue(spec.parkingQueue, { durable: true, arguments: quorum });
  await ch.bindQueue(spec.parkingQueue, PARKING_EXCHANGE, spec.service);
  await ch.assertQueue(spec.queue, {
    durable: true,
    arguments: {
      ...quorum,
      'x-delivery-limit': BROKER_DELIVERY_LIMIT,
      'x-dead-letter-exchange': PARKING_EXCHANGE,
      'x-dead-letter-routing-key': spec.service,
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
    },
  });
  for (const key of spec.routingKeys) await ch.bindQueue(spec.queue, EVENTS_EXCHANGE, key);
}
