import type { RetentionRule } from '#platform';

/**
 * What the subscriber was told is kept for a year and a bit (a year's history in the app, and disputes of the past
 * year), then deleted: the money itself is in the ledger, kept for ever. A notice's dedupe key only guards the events
 * of its own days (a payment's outcome, this period's reminder), long over by then. Dated by the service's clock.
 */
export function notificationsRetention(keepS: number): RetentionRule {
  return {
    table: 'notifications',
    stampedBy: 'service',
    keepS,
    victims: `SELECT ctid FROM notifications WHERE created_at < $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
  };
}
