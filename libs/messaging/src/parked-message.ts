import { createHash } from 'node:crypto';
import type { ConsumeMessage } from 'amqplib';
import { PARKED_HEADERS } from '#contracts';

/** The parking code of a message the broker dead-lettered itself (its delivery limit), without the consumer's headers. */
export const BROKER_DEAD_LETTER = 'BROKER_DEAD_LETTER';

/** A message taken off a parking queue, as the parked-message store keeps it. */
export interface ParkedMessage {
  /** The AMQP message id, or `sha256:<digest of the body>` when it has none: what the store deduplicates by. */
  messageId: string;
  queue: string;
  routingKey: string | null;
  code: string;
  reason: string;
  /** The bytes as published, whatever they are. */
  body: Buffer;
  /** The AMQP properties but headers, as JSON text. */
  properties: string;
  /** The AMQP headers, as JSON text. */
  headers: string;
  /** The `user_id` the original was published with: who really sent it. */
  originalUserId: string | null;
  parkedAt: Date;
}

/**
 * Reads a message off `<service>.parking`: parked by the service's consumer (x-parked-* headers) or dead-lettered by
 * the broker after its delivery limit (x-death, the original properties kept). The x-parked-* headers are believed
 * only on a copy the service published itself (`user_id` = `parkedBy`, its own broker user): anyone else's message
 * could carry made-up ones, and its real publisher is its own `user_id`. Text that PostgreSQL cannot hold (NUL) is
 * replaced in the JSON and text columns; the body is kept as bytes.
 */
export function parkedMessageOf(msg: ConsumeMessage, queue: string, parkedBy: string, now: Date): ParkedMessage {
  const { headers = {}, ...properties } = msg.properties;
  const death = Array.isArray(headers['x-death']) ? headers['x-death'][0] : undefined;
  const byConsumer = properties.userId === parkedBy && typeof headers[PARKED_HEADERS.code] === 'string';
  const parkedAt = new Date(String(headers[PARKED_HEADERS.at] ?? ''));
  return {
    messageId: properties.messageId
      ? String(properties.messageId)
      : `sha256:${createHash('sha256').update(msg.content).digest('hex')}`,
    queue,
    routingKey: textOrNull(headers['x-original-routing-key'] ?? death?.['routing-keys']?.[0]),
    code: byConsumer ? text(headers[PARKED_HEADERS.code]) : BROKER_DEAD_LETTER,
    reason: byConsumer
      ? text(headers[PARKED_HEADERS.reason] ?? '')
      : `dead-lettered by the broker (${text(death?.reason ?? 'unknown')}) from ${text(death?.queue ?? 'its queue')} after ${text(death?.count ?? '?')} deliveries`,
    body: msg.content,
    properties: json(properties),
    headers: json(headers),
    originalUserId: textOrNull((byConsumer ? headers[PARKED_HEADERS.originalUserId] : properties.userId) || null),
    parkedAt: byConsumer && !Number.isNaN(parkedAt.getTime()) ? parkedAt : now,
  };
}

function text(value: unknown): string {
  return String(value).replace(/\u0000/g, '\uFFFD');
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : text(value);
}

function json(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'string') return text(v);
    if (
      v &&
      typeof v === 'object' &&
      (v as { type?: unknown }).type === 'Buffer' &&
      Array.isArray((v as { data?: unknown }).data)
    ) {
      return { base64: Buffer.from((v as { data: number[] }).data).toString('base64') };
    }
    return v;
  });
}
