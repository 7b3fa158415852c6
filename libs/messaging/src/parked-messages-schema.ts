/**
 * The parked-message store every service keeps beside its own tables: what its parking queue held, so staff can see
 * it and act on it (republish, discard). A row stays after it is resolved, marked, for the record; while open, a
 * message id is there once (the consumer of the parking queue may see a message twice).
 */
export const PARKED_MESSAGES_TABLE_UP = [
  `CREATE TABLE parked_messages (
     id bigserial PRIMARY KEY,
     message_id text NOT NULL,
     queue text NOT NULL,
     routing_key text,
     code text NOT NULL,
     reason text NOT NULL,
     body bytea NOT NULL,
     properties jsonb NOT NULL,
     headers jsonb NOT NULL,
     original_user_id text,
     parked_at timestamptz NOT NULL,
     stored_at timestamptz NOT NULL DEFAULT now(),
     status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'REPUBLISHED', 'DISCARDED')),
     resolved_at timestamptz,
     resolved_by text,
     resolution_note text
   )`,
  `CREATE UNIQUE INDEX parked_messages_open_once ON parked_messages (message_id) WHERE status = 'OPEN'`,
  `CREATE INDEX parked_messages_open_newest ON parked_messages (id DESC) WHERE status = 'OPEN'`,
];

export const PARKED_MESSAGES_TABLE_DOWN = ['DROP TABLE parked_messages'];
