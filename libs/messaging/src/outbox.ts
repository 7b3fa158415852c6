import type { EventDefinition, PayloadOf, ServiceName } from '#contracts';
import { buildEnvelope, type Cause } from './envelope-factory.js';
import { OUTBOX_NOTIFY_CHANNEL } from './messaging-schema.js';
import type { SqlExecutor } from './sql-executor.js';

/** Appends events to the outbox inside the caller's transaction; they are published only if it commits. */
export class Outbox {
  constructor(private readonly producer: ServiceName) {}

  async append<D extends EventDefinition>(tx: SqlExecutor, def: D, payload: PayloadOf<D>, cause: Cause): Promise<string> {
    const envelope = buildEnvelope(def, payload, this.producer, cause);
    // pg_notify is transactional: the relay is woken only when this transaction commits.
    await tx.query(
      `WITH row AS (
         INSERT INTO outbox (message_id, type, version, routing_key, envelope) VALUES ($1, $2, $3, $4, $5)
       ) SELECT pg_notify($6, '')`,
      [envelope.messageId, def.type, def.version, def.routingKey, JSON.stringify(envelope), OUTBOX_NOTIFY_CHANNEL],
    );
    return envelope.messageId;
  }
}
