import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PaymentRejectedV1, type Envelope, type PayloadOf, type WalletAutopaymentDueV1 } from '#contracts';
import { Outbox } from '#messaging';
import { applyOnce, CONSUMER_DATA_SOURCE, CLOCK, type Clock } from '#platform';
import { tyiynFromWire } from '#money';
import { amountToPay, autopaymentKey } from '../domain/autopayment-payment.js';
import { accountError } from '../domain/payable-service.js';
import { ServiceQueries } from '../gateways/service-queries.js';
import { PaymentIntake } from '../persistence/payment-intake.js';

const CONSUMER = 'payment-router.start-autopayment';

/**
 * Creates the payment of a due autopayment run through the ordinary payment request, with Idempotency-Key
 * `autopayment:<runId>`: a redelivered or repeated due event finds that payment and creates nothing. For an ЭЦП run
 * without an amount the invoice's amount due is asked for first; when nothing is due (or the account or amount
 * cannot be paid), the run ends rejected with no payment at all.
 */
@Injectable()
export class StartAutopaymentHandler {
  constructor(
    @Inject(CONSUMER_DATA_SOURCE) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(ServiceQueries) private readonly queries: ServiceQueries,
    @Inject(PaymentIntake) private readonly requestPayment: PaymentIntake,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: Envelope<PayloadOf<typeof WalletAutopaymentDueV1>>): Promise<void> {
    const { runId, phone, service, account } = event.payload;
    const key = autopaymentKey(runId);
    // Asked before any lookup: a redelivery after the payment was created must not re-resolve the amount due
    // (this very payment may have paid the invoice by now).
    if (await this.started(key)) return;
    // An account the router would refuse over HTTP ends the run rejected, rather than parking it unfinished.
    const accountProblem = accountError(service, account);
    if (accountProblem) return this.reject(event, accountProblem);
    const given = event.payload.amount === null ? null : tyiynFromWire(event.payload.amount);
    // A 503 from ecp-invoicing is transient: the message is retried with backoff.
    const invoice = given === null && service === 'ECP' ? await this.queries.invoice(account) : null;
    const amount = amountToPay(service, given, invoice);
    switch (amount.kind) {
      case 'invalid-amount':
      case 'amount-required':
        return this.reject(event, 'INVALID_AMOUNT');
      case 'nothing-due':
        return this.reject(event, amount.reason);
      case 'pay':
        // A 'key-reused' result: the run's payment exists already with another amount due (a redelivery raced a
        // change of the invoice): it stands.
        await this.requestPayment.handle(key, { phone, service, account, amount: amount.amount });
    }
  }

  /** Ends the run rejected without creating a payment: nothing was debited. */
  private async reject(event: Envelope<PayloadOf<typeof WalletAutopaymentDueV1>>, reason: string): Promise<void> {
    const { runId, phone, service, account } = event.payload;
    await applyOnce(this.db, CONSUMER, event, {
      apply: async ({ manager: tx }) => {
        const [existing] = await tx.query(`SELECT 1 FROM payments WHERE idempotency_key = $1`, [autopaymentKey(runId)]);
        if (existing) return;
        await this.outbox.append(
          tx,
          PaymentRejectedV1,
          {
            paymentId: null,
            autopaymentRunId: runId,
            phone,
            service,
            account,
            amount: null,
            reason,
            rejectedAt: this.clock.now().toISOString(),
          },
          event,
        );
      },
    });
  }

  private async started(key: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM payments WHERE idempotency_key = $1`, [key]);
    return rows.length > 0;
  }
}
