/**
 * Tables every service keeps beside its own: the outbox (events committed with the state change that caused them)
 * and the inbox (message ids already processed, per consumer). Used by each service's first migration.
 */
export const MESSAGING_TABLES_UP = [
  `CREATE TABLE outbox (
     id bigserial PRIMARY KEY,
     message_id uuid NOT NULL UNIQUE,
     type text NOT NULL,
     version int NOT NULL,
     routing_key text NOT NULL,
     envelope jsonb NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     published_at timestamptz,
     attempts int NOT NULL DEFAULT 0,
     last_error text
   )`,
  `CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL`,
  `CREATE TABLE inbox (
     consumer text NOT NULL,
     message_id uuid NOT NULL,
     type text NOT NULL,
     processed_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (consumer, message_id)
   )`,
];

/** The W3C trace context of the transaction that wrote each outbox row (issue #15): the relay continues its trace. */
export const OUTBOX_TRACE_CONTEXT_UP = ['ALTER TABLE outbox ADD COLUMN IF NOT EXISTS traceparent text'];
export const OUTBOX_TRACE_CONTEXT_DOWN = ['ALTER TABLE outbox DROP COLUMN IF EXISTS traceparent'];

export const MESSAGING_TABLES_DOWN = ['DROP TABLE inbox', 'DROP TABLE outbox'];

/** The LISTEN/NOTIFY channel that wakes the outbox relay when a transaction commits new rows. */
export const OUTBOX_NOTIFY_CHANNEL = 'outbox_pending';
