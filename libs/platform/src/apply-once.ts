import type { DataSource, EntityManager } from 'typeorm';
import type { Envelope } from '#contracts';
import { claimInboxMessage } from '#messaging';

/**
 * Applies one message's effect in one transaction that first claims the message in the inbox, so a message
 * already applied changes nothing. The consumer acknowledges the message only after this resolves.
 */
export function applyOnce(db: DataSource, consumer: string, event: Envelope, effect: (tx: EntityManager) => Promise<void>): Promise<void> {
  return db.transaction(async (tx) => {
    if (await claimInboxMessage(tx, consumer, event)) await effect(tx);
  });
}
