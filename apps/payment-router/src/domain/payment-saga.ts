import type { PayableServiceCode } from './payable-service.js';

/**
 * Where a payment is in its flow. PENDING to the outside while AWAITING_*; the last three are final.
 *   AWAITING_DEBIT ─debited→ AWAITING_PAYEE ─delivered→ COMPLETED
 *        └─rejected→ REJECTED       └─refused→ AWAITING_REFUND ─refunded→ REFUNDED
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
  | { kind: 'debited' }
  | { kind: 'rejected'; reason: string }
  | { kind: 'delivered' }
  | { kind: 'refused'; reason: string }
  | { kind: 'refunded' };

/** What the router asks the other services to do next. */
export type PaymentCommand = { kind: 'deliver'; service: PayableServiceCode } | { kind: 'refund'; reason: string };

export type Reaction =
  | { kind: 'advance'; stage: PaymentStage; reason?: string; commands: PaymentCommand[] }
  /** The fact was already taken into account (a redelivery or a duplicate): change nothing. */
  | { kind: 'ignore' }
  /** The fact contradicts the payment's history: a bug or a forged message, never retried. */
  | { kind: 'impossible'; why: string };

/** The payment saga as a pure function: given the payment and a fact, the next stage and the commands to send. */
export function react(payment: PaymentState, fact: PaymentFact): Reaction {
  const { stage } = payment;
  switch (fact.kind) {
    case 'debited':
      if (stage === 'AWAITING_DEBIT')
        return { kind: 'advance', stage: 'AWAITING_PAYEE', commands: [{ kind: 'deliver', service: payment.service }] };
      if (stage === 'REJECTED') return { kind: 'impossible', why: 'debited after the wallet rejected it' };
      return { kind: 'ignore' };
    case 'rejected':
      if (stage === 'AWAITING_DEBIT') return { kind: 'advance', stage: 'REJECTED', reason: fact.reason, commands: [] };
      if (stage === 'REJECTED') return { kind: 'ignore' };
      return { kind: 'impossible', why: `rejected by the wallet after it was debited (stage ${stage})` };
    case 'delivered':
      if (stage === 'AWAITING_PAYEE') return { kind: 'advance', stage: 'COMPLETED', commands: [] };
      if (stage === 'COMPLETED') return { kind: 'ignore' };
      return { kind: 'impossible', why: `delivered while ${stage}` };
    case 'refused':
      if (stage === 'AWAITING_PAYEE') {
        return {
          kind: 'advance',
          stage: 'AWAITING_REFUND',
          reason: fact.reason,
          commands: [{ kind: 'refund', reason: fact.reason }],
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
