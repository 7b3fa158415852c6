import { Counter, Histogram } from 'prom-client';
import type { PaymentOutcomeKind } from '../domain/autopayment-payment.js';
import { REASON_MESSAGES } from '../domain/reasons.js';

/** Labels stay bounded: the payee service (SOCHI or ECP) and a reason from the saga's list, never an id or a phone. */
const service = (s: string) => (s === 'SOCHI' || s === 'ECP' ? s : 'OTHER');
const reason = (r: string | null) => (r !== null && r in REASON_MESSAGES ? r : 'OTHER');

const requested = new Counter({
  name: 'dostek_payments_requested_total',
  help: 'Payments accepted (a replayed Idempotency-Key is not counted again)',
  labelNames: ['service'],
});
const completed = new Counter({
  name: 'dostek_payments_completed_total',
  help: 'Payments that reached COMPLETED',
  labelNames: ['service'],
});
const rejected = new Counter({
  name: 'dostek_payments_rejected_total',
  help: 'Payments the wallet rejected, by reason',
  labelNames: ['service', 'reason'],
});
const refunded = new Counter({
  name: 'dostek_payments_refunded_total',
  help: 'Payments refunded after the payee refused them, by reason',
  labelNames: ['service', 'reason'],
});
// A payment takes a few milliseconds on an idle system, seconds under load or while a service restarts.
const toFinal = new Histogram({
  name: 'dostek_payment_final_seconds',
  help: 'From the request to the final stage (COMPLETED, REJECTED or REFUNDED), on the router',
  labelNames: ['service', 'outcome'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
});

/** Counted after the transaction that decided it committed, once per payment (the inbox keeps repeats out). */
export const paymentMetrics = {
  requested(payeeService: string): void {
    requested.inc({ service: service(payeeService) });
  },
  finished(payeeService: string, outcome: PaymentOutcomeKind, why: string | null, seconds: number): void {
    const s = service(payeeService);
    if (outcome === 'completed') completed.inc({ service: s });
    else if (outcome === 'rejected') rejected.inc({ service: s, reason: reason(why) });
    else refunded.inc({ service: s, reason: reason(why) });
    toFinal.observe({ service: s, outcome }, Math.max(0, seconds));
  },
};
