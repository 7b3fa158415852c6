import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { bishkekMonth, formatSom, type Tyiyn } from '#money';

/** 60 000.00 som a month per wallet, as the wallet service's limit. */
const MONTH_LIMIT: Tyiyn = 6_000_000n;

export interface PaymentOrder {
  key: string;
  phone: string;
  account: string;
  amount: Tyiyn;
}

export type PaymentStatus = 'COMPLETED' | 'REJECTED';
export interface PaidPayment {
  id: string;
  status: PaymentStatus;
  reason?: string;
  replayed: boolean;
}

type Decision = { ok: true } | { ok: false; reason: 'INSUFFICIENT_FUNDS' | 'MONTHLY_LIMIT' | 'UNKNOWN_ACCOUNT' };

/** The wallet's and СОЧИ's rules in one place: pure. */
function decide(balance: Tyiyn | undefined, turnover: Tyiyn, orgKnown: boolean, amount: Tyiyn): Decision {
  if (!orgKnown) return { ok: false, reason: 'UNKNOWN_ACCOUNT' };
  if (balance === undefined || balance < amount) return { ok: false, reason: 'INSUFFICIENT_FUNDS' };
  if (turnover + amount > MONTH_LIMIT) return { ok: false, reason: 'MONTHLY_LIMIT' };
  return { ok: true };
}

/**
 * A СОЧИ payment the monolith's way: every record the four services keep, in ONE transaction, answered once
 * committed. Locks the wallet, then the organization (always in that order: no deadlock between payments).
 */
export class PayHandler {
  constructor(private readonly pool: pg.Pool) {}

  async handle(order: PaymentOrder): Promise<PaidPayment> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const id = randomUUID();
      const claimed = await c.query(
        `INSERT INTO payments (id, idempotency_key, phone, service, account, amount, status)
         VALUES ($1, $2, $3, 'SOCHI', $4, $5, 'PENDING') ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        [id, order.key, order.phone, order.account, String(order.amount)],
      );
      if (claimed.rowCount === 0) {
        await c.query('ROLLBACK');
        const { rows } = await c.query(`SELECT id, status, reason FROM payments WHERE idempotency_key = $1`, [
          order.key,
        ]);
        return { id: rows[0].id, status: rows[0].status, reason: rows[0].reason ?? undefined, replayed: true };
      }
      const month = bishkekMonth(new Date());
      const wallet = await c.query(
        `SELECT w.balance, coalesce(t.amount, 0) AS turnover FROM wallets w
           LEFT JOIN wallet_month_turnover t ON t.phone = w.phone AND t.month = $2
          WHERE w.phone = $1 FOR UPDATE OF w`,
        [order.phone, month],
      );
      const org = await c.query(`SELECT balance FROM organizations WHERE inn = $1 FOR UPDATE`, [order.account]);
      const decision = decide(
        wallet.rows[0] ? BigInt(wallet.rows[0].balance) : undefined,
        wallet.rows[0] ? BigInt(wallet.rows[0].turnover) : 0n,
        org.rowCount === 1,
        order.amount,
      );
      const amount = String(order.amount);
      if (!decision.ok) {
        await c.query(`UPDATE payments SET status = 'REJECTED', reason = $2, updated_at = now() WHERE id = $1`, [
          id,
          decision.reason,
        ]);
        await c.query(`INSERT INTO payment_steps (payment_id, stage) VALUES ($1, 'PENDING'), ($1, 'REJECTED')`, [id]);
        await c.query('COMMIT');
        return { id, status: 'REJECTED', reason: decision.reason, replayed: false };
      }
      const debited = await c.query(`UPDATE wallets SET balance = balance - $2 WHERE phone = $1 RETURNING balance`, [
        order.phone,
        amount,
      ]);
      await c.query(
        `INSERT INTO wallet_ledger (phone, kind, amount, balance_after, payment_id, service, account, turnover_month)
         VALUES ($1, 'DEBIT', $2, $3, $4, 'SOCHI', $5, $6)`,
        [order.phone, amount, debited.rows[0].balance, id, order.account, month],
      );
      await c.query(
        `INSERT INTO wallet_month_turnover (phone, month, amount) VALUES ($1, $2, $3)
         ON CONFLICT (phone, month) DO UPDATE SET amount = wallet_month_turnover.amount + EXCLUDED.amount`,
        [order.phone, month, amount],
      );
      const credited = await c.query(
        `UPDATE organizations SET balance = balance + $2 WHERE inn = $1 RETURNING balance`,
        [order.account, amount],
      );
      await c.query(
        `INSERT INTO sochi_ledger (inn, kind, payment_id, amount, balance_after, payer_phone)
         VALUES ($1, 'TOP_UP', $2, $3, $4, $5)`,
        [order.account, id, amount, credited.rows[0].balance, order.phone],
      );
      await c.query(
        `INSERT INTO payment_steps (payment_id, stage) VALUES ($1, 'PENDING'), ($1, 'DEBITED'), ($1, 'COMPLETED')`,
        [id],
      );
      await c.query(`UPDATE payments SET status = 'COMPLETED', updated_at = now() WHERE id = $1`, [id]);
      await c.query(`INSERT INTO notifications (phone, payment_id, text) VALUES ($1, $2, $3)`, [
        order.phone,
        id,
        `Оплачено ${formatSom(order.amount)} сом: СОЧИ ${order.account}`,
      ]);
      await c.query('COMMIT');
      return { id, status: 'COMPLETED', replayed: false };
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }
}
