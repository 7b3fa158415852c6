import { DATA_REJECTED } from './errors.js';
import { brokerUserOf, envelopeSchema, findEvent, type Envelope, type ServiceName } from '#contracts';

export type IncomingCheck =
  { ok: true; routingKey: string; envelope: Envelope } | { ok: false; code: string; reason: string };

/** The parking code of a message not published by the broker user of the producer its contract names. */
export const FORGED_PRODUCER = 'FORGED_PRODUCER';

/** Who published a message: its AMQP `user_id`, which RabbitMQ guarantees equals the publishing connection's user. */
export interface PublishedBy {
  userId: string | undefined;
}

/**
 * What a consumer accepts, before any handler runs: JSON, a valid envelope, a known event version that this service
 * declares it consumes, published by that event's producer (its broker user, when `publishedBy` is given), and a
 * payload that fits that version's schema. Consumer contract tests run the same check without a broker.
 */
export function checkIncoming(
  service: ServiceName,
  content: Buffer | string,
  publishedBy?: PublishedBy,
): IncomingCheck {
  let body: unknown;
  try {
    body = JSON.parse(content.toString());
  } catch {
    // Bad data like a NUL byte the database refuses: no retry can change it.
    return { ok: false, code: DATA_REJECTED, reason: 'body is not JSON' };
  }
  const env = envelopeSchema.safeParse(body);
  if (!env.success) return { ok: false, code: 'INVALID_ENVELOPE', reason: describe(env.error.issues) };
  const def = findEvent(env.data.type, env.data.version);
  if (!def)
    return { ok: false, code: 'UNKNOWN_EVENT', reason: `no contract for ${env.data.type} v${env.data.version}` };
  if (!def.consumers.includes(service))
    return { ok: false, code: 'NOT_A_CONSUMER', reason: `${service} does not consume ${def.routingKey}` };
  if (publishedBy && publishedBy.userId !== brokerUserOf(def.producer)) {
    const claimed = publishedBy.userId === undefined ? 'no user_id' : `user_id ${publishedBy.userId}`;
    return {
      ok: false,
      code: FORGED_PRODUCER,
      reason: `${def.routingKey} is produced by ${def.producer} (${brokerUserOf(def.producer)}), but was published with ${claimed}`,
    };
  }
  const payload = def.schema.safeParse(env.data.payload);
  if (!payload.success)
    return { ok: false, code: 'SCHEMA_VIOLATION', reason: `${def.routingKey}: ${describe(payload.error.issues)}` };
  return { ok: true, routingKey: def.routingKey, envelope: { ...env.data, payload: payload.data } };
}

function describe(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}
