import { SERVICES, type ServiceName } from './envelope.js';
import { EVENT_CATALOG } from './catalog.js';
import { EVENTS_EXCHANGE, PARKING_EXCHANGE, queueOf } from './topology.js';

/** The RabbitMQ user a service connects and publishes as; consumers compare a message's `user_id` with it. */
export function brokerUserOf(service: ServiceName): string {
  return `dostek-${service}`;
}

/** The service whose broker user this is, or undefined for any other user (guest, an operator). */
export function serviceOfBrokerUser(user: string | undefined): ServiceName | undefined {
  return SERVICES.find((s) => brokerUserOf(s) === user);
}

/**
 * The development password of a broker user. The `dev-only-` prefix is what a production start refuses, so a
 * development password can never reach production unnoticed.
 */
export function developmentBrokerPassword(user: string): string {
  return `dev-only-${user}`;
}

/** RabbitMQ's three permission regexes for one user on one vhost. */
export interface BrokerPermissions {
  readonly user: string;
  readonly configure: string;
  readonly write: string;
  readonly read: string;
}

const exactly = (names: readonly string[]) =>
  `^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;

/**
 * What a service may do on the broker, derived from the contracts (RabbitMQ 3.10 checks, per operation):
 * - configure (declare): the two shared exchanges — every service declares them, identically, so a fresh vhost
 *   works whichever service starts first — and its own queue and parking queue; never another service's queue.
 * - write: the events exchange when it produces an event (publish), the parking exchange (park a message; declaring a queue with a
 *   dead-letter exchange also needs write on it), and its own queues (a binding needs write on the queue).
 * - read: the events exchange when it consumes an event and the parking exchange (a binding needs read on the exchange) and its own queues (consume; a dead-letter
 *   exchange on a queue also needs read on the queue).
 * The broker's own dead-lettering into parking runs as the broker and needs nothing. Which events a service may
 * publish is not a permission (every service writes to the one topic exchange): consumers check each message's
 * `user_id` against the producer its contract names.
 */
export function brokerPermissionsOf(service: ServiceName): BrokerPermissions {
  const { queue, parkingQueue, routingKeys } = queueOf(service);
  const own = [queue, parkingQueue];
  const produces = EVENT_CATALOG.some((d) => d.producer === service);
  const consumes = routingKeys.length > 0;
  return {
    user: brokerUserOf(service),
    configure: exactly([EVENTS_EXCHANGE, PARKING_EXCHANGE, ...own]),
    write: exactly([...(produces ? [EVENTS_EXCHANGE] : []), PARKING_EXCHANGE, ...own]),
    read: exactly([...(consumes ? [EVENTS_EXCHANGE] : []), PARKING_EXCHANGE, ...own]),
  };
}

/** Every service's broker permissions: what provisioning (deploy/rabbitmq, scripts/ensure-infra.sh) grants. */
export const BROKER_PERMISSIONS: readonly BrokerPermissions[] = SERVICES.map(brokerPermissionsOf);
