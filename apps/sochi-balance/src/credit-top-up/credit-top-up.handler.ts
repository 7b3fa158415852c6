import { Inject, Injectable } from '@nestjs/common';
import { applyOnce } from '#platform';
import { DataSource } from 'typeorm';
import { SochiTopUpCreditedV1, SochiTopUpRefusedV1, type Envelope, type PayloadOf, type SochiTopUpRequestedV1 } from '#contracts';
import { Outbox } from '#messaging';
import { tyiynFromWire } from '#money';
import { decideTopUp } from '../domain/top-up-decision.js';

const CONSUMER = 'sochi-balance.credit-top-up';

/** Credits a routed СОЧИ payment to the organization's balance, or refuses it; exactly once per message and per payment. */
@Injectable()
export class CreditTopUpHandler {
  constructor(@Inject(DataSource) private readonly db: DataSource, @Inject(Outbox) private readonly outbox: Outbox) {}

  async handle(event: Envelope<PayloadOf<typeof SochiTopUpRequestedV1>>): Promise<void> {
    const { paymentId, inn, payerPhone } = event.payload;
    const amount = tyiynFromWire(event.payload.amount);
    await applyOnce(this.db, CONSUMER, event, async (tx) => {
      // Lock the organization row: credits to one balance are serialized, so balance_after is exact.
      const [org] = await tx.query(`SELECT balance FROM organizations WHERE inn = $1 FOR UPDATE`, [inn]);
      const [credited] = org ? await tx.query(`SELECT 1 FROM sochi_ledger WHERE payment_id = $1`, [paymentId]) : [];
      const decision = decideTopUp(Boolean(org), Boolean(credited), amount);
      const now = new Date().toISOString();
      switch (decision.kind) {
        case 'already-credited':
          return;
        case 'refuse':
          await this.outbox.append(tx, SochiTopUpRefusedV1, { paymentId, inn, reason: decision.reason, refusedAt: now }, event);
          return;
        case 'credit': {
          const balanceAfter = BigInt(org.balance) + decision.amount;
          await tx.query(`UPDATE organizations SET balance = $2 WHERE inn = $1`, [inn, balanceAfter.toString()]);
          await tx.query(
            `INSERT INTO sochi_ledger (inn, kind, payment_id, amount, balance_after, payer_phone) VALUES ($1, 'TOP_UP', $2, $3, $4, $5)`,
            [inn, paymentId, decision.amount.toString(), balanceAfter.toString(), payerPhone],
          );
          await this.outbox.append(tx, SochiTopUpCreditedV1, { paymentId, inn, amount: event.payload.amount, creditedAt: now }, event);
        }
      }
    });
  }
}
