import { BROKER_DEAD_LETTER } from '#messaging';

export interface Parked {
  code: string;
  reason: string;
  body: string;
  /** The AMQP message id the message was published with. */
  messageId?: string;
}

/**
 * Takes every open parked message out of a service's parked-message store (its `parked_messages` table, where the
 * service moves its parking queue): what the service parked since the last look, for the test's assertions.
 */
export async function takeParked(db: {
  query(sql: string): Promise<{ rows: Record<string, any>[] }>;
}): Promise<Parked[]> {
  const { rows } = await db.query(
    `DELETE FROM parked_messages WHERE status = 'OPEN' RETURNING id, message_id, code, reason, body`,
  );
  return rows
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((r) => ({
      code: r.code,
      reason: r.reason,
      body: (r.body as Buffer).toString(),
      ...(String(r.message_id).startsWith('sha256:') ? {} : { messageId: String(r.message_id) }),
    }));
}

export { BROKER_DEAD_LETTER };
