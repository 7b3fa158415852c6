import type { Envelope } from '#contracts';
import type { SqlExecutor } from './sql-executor.js';

/**
 * Records that a consumer processed a message, inside the transaction that applies its effect.
 * Returns false when the message was already processed: the caller must then change nothing.
 * A concurrent duplicate blocks on the primary key until the first transaction ends, so two instances
 * never both apply one message.
 */
export async function claimInboxMessage(tx: SqlExecutor, consumer: string, envelope: Envelope): Promise<boolean> {
  const rows: unknown[] = await tx.query(
    `INSERT INTO inbox (consumer, message_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
    [consumer, envelope.messageId, envelope.type],
  );
  return rows.length === 1;
}
