import type { PayableServiceCode } from './payable-service.js';

/**
 * Where a payment is in its flow. PENDING to the outside while AWAITING_*; the last three are final.
 *   AWAITING_DEBIT ─(debited, then) delivered→ COMPLETED
 *        ├─rejected→ REJECTED
 *        └─(debited, then) refused→ AWAITING_REFUND ─refunded→ REFUNDED
 * The router is off the happy path (a routing slip): the wallet, in the transaction that debits a payment, asks its
 * payee itself, so the router hears of the debit with the payee's answer, and records it then as the step
 * AWAITING_PAYEE. A payment left AWAITING_PAYEE by a release before the slip is answered the same way.
 */
export type PaymentStage =
  'AWAITING_DEBIT' | 'AWAITING_PAYEE' | 'AWAITING_REFUND' | 'COMPLETED' | 'REJECTED' | 'REFUNDED';
export type PaymentStatus = 'PENDING' | 'COMPLETED' | 'REJECTED' | 'REFUNDED';

export interface PaymentState {
  readonly service: PayableServiceCode;
  readonly stage: PaymentStage;
}

/** What the router learns from the other services about a payment. */
export type PaymentFact =
  | { kind: 'rejected'; reason: string }
  | { kind: 'delivered' }
  | { kind: 'refused'; reason: string }
  | { kind: 'refunded' };

/** What the router asks the other services to do next: only the wallet, to give back what a payee refused. */
export type PaymentCommand = { kind: 'refund'; reason: string };

export type Reaction =
  | {
      kind: 'advance';
      stage: PaymentStage;
      reason?: string;
      commands: PaymentCommand[];
      /** A stage the fact implies the payment passed on its way (the debit, told by the payee's answer): a step too. */
      passed?: PaymentStage;
    }
  /** The fact was already taken into account (a redelivery or a duplicate): change nothing. */
  | { kind: 'ignore' }
  /** The fact contradicts the payment's history: a bug or a forged message, never retried. */
  | { kind: 'impossible'; why: string };

/** The payment saga as a pure function: given the payment and a fact, the next stage and the commands to send. */
export function react(payment: PaymentState, fact: PaymentFact): Reaction {
  const { stage } = payment;
  // A payee answers only a payment the wallet debited and sent it: the debit came first.
  const debitImplied = stage === 'AWAITING_DEBIT' ? { passed: 'AWAITING_PAYEE' as const } : {};
  const awaitingPayee = stage === 'AWAITING_DEBIT' || stage === 'AWAITING_PAYEE';
  switch (fact.kind) {
    case 'rejected':
      if (stage === 'AWAITING_DEBIT') return { kind: 'advance', stage: 'REJECTED', reason: fact.reason, commands: [] };
      if (stage === 'REJECTED') return { kind: 'ignore' };
      return { kind: 'impossible', why: `rejected by the wallet after it was debited (stage ${stage})` };
    case 'delivered':
      if (awaitingPayee) return { kind: 'advance', stage: 'COMPLETED', commands: [], ...debitImplied };
      if (stage === 'COMPLETED') return { kind: 'ignore' };
      return { kind: 'impossible', why: `delivered while ${stage}` };
    case 'refused':
      if (awaitingPayee) {
        return {
          kind: 'advance',
          stage: 'AWAITING_REFUND',
          reason: fact.reason,
          commands: [{ kind: 'refund', reason: fact.reason }],
          ...debitImplied,
        };
      }
      if (stage === 'AWAITING_REFUND' || stage === 'REFUNDED') return { kind: 'ignore' };
      return { kind: 'impossible', why: `refused by the payee while ${stage}` };
    case 'refunded':
      if (stage === 'AWAITING_REFUND') return { kind: 'advance', stage: 'REFUNDED', commands: [] };
      if (stage === 'REFUNDED') return { kind: 'ignore' };
      return { kind: 'impossible', why: `refunded while ${stage}` };
  }
}

export function statusOf(stage: PaymentStage): PaymentStatus {
  return stage.startsWith('AWAITING_') ? 'PENDING' : (stage as PaymentStatus);
}
