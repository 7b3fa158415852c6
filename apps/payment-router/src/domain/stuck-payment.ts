import type { PayableServiceCode } from './payable-service.js';
import type { PaymentStage } from './payment-saga.js';

/** A stage that is not final: the payment waits for another service. */
export type AwaitingStage = Extract<PaymentStage, `AWAITING_${string}`>;

/** The service whose answer a payment awaits in a stage. */
export type AwaitedService = 'wallet' | 'sochi-balance' | 'ecp-invoicing';

export function isAwaiting(stage: PaymentStage): stage is AwaitingStage {
  return stage.startsWith('AWAITING_');
}

/** Who must answer for the payment to move on: the wallet (debit, refund) or the payee (СОЧИ credit, ЭЦП invoice). */
export function awaitedService(stage: AwaitingStage, service: PayableServiceCode): AwaitedService {
  if (stage !== 'AWAITING_PAYEE') return 'wallet';
  return service === 'SOCHI' ? 'sochi-balance' : 'ecp-invoicing';
}

/** The moment from which a payment requested at `requestedAt` and still not final counts as stuck. */
export function stuckFrom(requestedAt: Date, stuckAfterS: number): Date {
  return new Date(requestedAt.getTime() + stuckAfterS * 1000);
}

/**
 * Whether a payment is stuck at `now`: not final, and requested at least `stuckAfterS` seconds ago. Measured from the
 * request, not the last step, because what the subscriber sees is how long their payment has been PENDING.
 */
export function isStuck(payment: { stage: PaymentStage; requestedAt: Date }, now: Date, stuckAfterS: number): boolean {
  return isAwaiting(payment.stage) && now.getTime() >= stuckFrom(payment.requestedAt, stuckAfterS).getTime();
}
