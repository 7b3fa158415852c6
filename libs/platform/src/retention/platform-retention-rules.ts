import type { RetentionRule } from './retention-rule.js';

export interface PlatformRetentionWindows {
  OUTBOX_RETENTION_S: number;
  INBOX_RETENTION_S: number;
  INBOX_PARKED_MARGIN_S: number;
  PARKED_RETENTION_S: number;
}

/**
 * The tables every service keeps beside its own. Outbox rows go only once published; unpublished ones (even those
 * the relay gave up on) stay for staff. Open parked messages stay until staff resolve them, and hold the inbox back.
 * request_nonces are forgotten by NonceStore (twice the signature window) and audit_trail is never deleted from.
 */
export function platformRetentionRules(w: PlatformRetentionWindows): RetentionRule[] {
  return [
    {
      table: 'outbox',
      stampedBy: 'database',
      keepS: w.OUTBOX_RETENTION_S,
      victims: `SELECT ctid FROM outbox WHERE created_at < $1 AND published_at < $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    },
    {
      table: 'inbox',
      stampedBy: 'database',
      keepS: w.INBOX_RETENTION_S,
      victims: `SELECT ctid FROM inbox WHERE processed_at < $1 ORDER BY processed_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      // A parked copy may have a twin that was applied a little after it was parked (docs/messaging.md#retention).
      heldBackBy: `SELECT min(stored_at) - make_interval(secs => ${Math.trunc(w.INBOX_PARKED_MARGIN_S)}) AS until FROM parked_messages WHERE status = 'OPEN'`,
    },
    {
      table: 'parked_messages',
      stampedBy: 'service',
      keepS: w.PARKED_RETENTION_S,
      victims: `SELECT ctid FROM parked_messages WHERE status <> 'OPEN' AND resolved_at < $1 ORDER BY resolved_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    },
  ];
}
