import type { SqlExecutor } from '#messaging';
import type { Tyiyn } from '#money';

export interface PaymentCredit {
  inn: string;
  organizationName: string;
  paymentId: string;
  amount: Tyiyn;
  balanceAfter: Tyiyn;
  payerPhone: string | null;
  creditedAt: Date;
}

/** The СОЧИ ledger line(s) a payment made: at most one, the ledger takes a payment id once. */
export async function creditsOfPayment(db: SqlExecutor, paymentId: string): Promise<PaymentCredit[]> {
  const rows: Record<string, any>[] = await db.query(
    `SELECT l.inn, o.name, l.payment_id, l.amount, l.balance_after, l.payer_phone, l.created_at
       FROM sochi_ledger l JOIN organizations o ON o.inn = l.inn
      WHERE l.payment_id = $1 AND l.kind = 'TOP_UP' ORDER BY l.id`,
    [paymentId],
  );
  return rows.map((r) => ({
    inn: r.inn,
    organizationName: r.name,
    paymentId: r.payment_id,
    amount: BigInt(r.amount),
    balanceAfter: BigInt(r.balance_after),
    payerPhone: r.payer_phone ?? null,
    creditedAt: new Date(r.created_at),
  }));
}
