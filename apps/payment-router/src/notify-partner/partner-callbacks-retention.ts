import type { RetentionRule } from '#platform';

/**
 * Delivered callbacks are kept a while (what was told to the partner, and when), then deleted; undelivered ones stay
 * until delivered, however old.
 */
export function partnerCallbacksRetention(keepS: number): RetentionRule {
  return {
    table: 'partner_callbacks',
    stampedBy: 'database',
    keepS,
    victims: `SELECT ctid FROM partner_callbacks WHERE delivered_at < $1 ORDER BY delivered_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
  };
}
