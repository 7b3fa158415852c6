import type { EntityManager } from 'typeorm';
import { sql, type Transaction } from '#platform';
import { WalletNotificationRaisedV1, type PayloadOf } from '#contracts';
import type { Cause, Outbox } from '#messaging';
import type { Tyiyn } from '#money';
import type { NotificationKind } from '../domain/notification-text.js';

export interface NewNotification {
  phone: string;
  kind: NotificationKind;
  message: string;
  amount: Tyiyn | null;
  paymentId: string | null;
  autopaymentId: string | null;
  /** What makes this notice one of a kind (a payment's outcome, a run's reminder): it is raised once per key. */
  dedupeKey: string;
  /** When it is raised, by the wallet's clock. */
  at: Date;
}

/**
 * Stores a notification and publishes wallet.notification-raised in the caller's transaction (the SMS gateway's
 * integration point); false when a notification with this key was raised already.
 */
export async function raiseNotification(
  tx: EntityManager,
  outbox: Outbox,
  n: NewNotification,
  cause: Cause,
): Promise<boolean> {
  const rows: Record<string, any>[] = await tx.query(
    `INSERT INTO notifications (phone, kind, message, amount, payment_id, autopayment_id, dedupe_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, created_at`,
    [n.phone, n.kind, n.message, n.amount?.toString() ?? null, n.paymentId, n.autopaymentId, n.dedupeKey, n.at],
  );
  if (rows.length === 0) return false;
  await outbox.append(tx, WalletNotificationRaisedV1, raised(String(rows[0].id), n), cause);
  return true;
}

/**
 * Stores notifications in one statement and publishes wallet.notification-raised for each it stored, each caused by
 * its own message; a notification whose key was raised already (before, or earlier in the list) is left out.
 */
export async function raiseNotifications(
  tx: Transaction,
  outbox: Outbox,
  notices: readonly (NewNotification & { cause: Cause })[],
): Promise<void> {
  if (notices.length === 0) return;
  const rows = notices.map((n) => [
    n.phone,
    n.kind,
    n.message,
    n.amount,
    n.paymentId,
    n.autopaymentId,
    n.dedupeKey,
    n.at,
  ]);
  const { stored } = await tx.write({
    stored: sql`INSERT INTO notifications (phone, kind, message, amount, payment_id, autopayment_id, dedupe_key,
                  created_at)
                VALUES ${sql.values(rows)} ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, dedupe_key`,
  });
  const idOf = new Map(stored.map((r) => [String(r.dedupe_key), String(r.id)]));
  for (const n of notices) {
    const notificationId = idOf.get(n.dedupeKey);
    if (notificationId === undefined) continue;
    idOf.delete(n.dedupeKey);
    await outbox.append(tx.manager, WalletNotificationRaisedV1, raised(notificationId, n), n.cause);
  }
}

/** The wallet.notification-raised payload of a stored notification. */
function raised(notificationId: string, n: NewNotification): PayloadOf<typeof WalletNotificationRaisedV1> {
  return {
    notificationId,
    phone: n.phone,
    kind: n.kind,
    message: n.message,
    amount: n.amount?.toString() ?? null,
    paymentId: n.paymentId,
    autopaymentId: n.autopaymentId,
    raisedAt: n.at.toISOString(),
  };
}
