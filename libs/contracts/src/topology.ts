import { SERVICES, type ServiceName } from './envelope.js';
import { EVENT_CATALOG, eventsConsumedBy } from './catalog.js';
import type { EventDefinition } from './event-definition.js';

/** The topic exchange every integration event is published to, keyed by `<type>.v<version>`. */
export const EVENTS_EXCHANGE = 'dostek.events';
/** Where messages that cannot be processed are parked, routed by the consuming service's name. */
export const PARKING_EXCHANGE = 'dostek.parking';

export interface QueueSpec {
  readonly service: ServiceName;
  /** The service's durable quorum queue. */
  readonly queue: string;
  /** The queue its unprocessable messages are parked in, with the reason in headers. */
  readonly parkingQueue: string;
  readonly routingKeys: readonly string[];
}

export function queueOf(service: ServiceName, catalog: readonly EventDefinition[] = EVENT_CATALOG): QueueSpec {
  return {
    service,
    queue: `${service}.events`,
    parkingQueue: `${service}.parking`,
    routingKeys: eventsConsumedBy(service, catalog).map((d) => d.routingKey),
  };
}

/** The whole broker topology; each service declares its own part (its queues), the test tap and tools all of it. */
export const TOPOLOGY: readonly QueueSpec[] = SERVICES.map((s) => queueOf(s));

/** Headers set on a parked message. */
export const PARKED_HEADERS = {
  code: 'x-parked-code',
  reason: 'x-parked-reason',
  by: 'x-parked-by',
  at: 'x-parked-at',
  /** The `user_id` the parked message was published with (the parked copy is published as the parking service). */
  originalUserId: 'x-parked-user-id',
} as const;
