import { randomUUID } from 'node:crypto';
import type { Envelope, EventDefinition, PayloadOf, ServiceName } from '#contracts';

/** What an event was caused by: the message being handled, or the start of a new flow. */
export type Cause = Pick<Envelope, 'messageId' | 'correlationId'> | { correlationId: string; messageId?: undefined };

/**
 * Builds an envelope for one event version, validating the payload against its contract so a producer
 * can never write a message its consumers would park.
 */
export function buildEnvelope<D extends EventDefinition>(
  def: D,
  payload: PayloadOf<D>,
  producer: ServiceName,
  cause: Cause,
  now: Date = new Date(),
): Envelope<PayloadOf<D>> {
  if (def.producer !== producer) {
    throw new Error(`${producer} may not publish ${def.routingKey}; its producer is ${def.producer}`);
  }
  const checked = def.schema.parse(payload) as PayloadOf<D>;
  return {
    messageId: randomUUID(),
    type: def.type,
    version: def.version,
    occurredAt: now.toISOString(),
    correlationId: cause.correlationId,
    causationId: cause.messageId ?? null,
    producer,
    payload: checked,
  };
}
