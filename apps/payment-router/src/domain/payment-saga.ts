import type { PayableServiceCode } from './payable-service.js';

/**
 * Where a payment is in its flow. PENDING to the outside while AWAITING_*; the last three are final.
 *   AWAITING_DEBIT ─debited→ AWAITING_PAYEE ─delivered→ COMPLETED
 *        └─rejected→ REJECTED       └─refused→ AWAITING_REFUND ─refunded→ REFUNDED
 * A СОЧИ payment skips the router between the debit and the credit (a routing slip, `walletAsksPayee`): the wallet asks
 * sochi-balance itself, so the payee's answer reaches a payment still AWAITING_DEBIT and implies the debit.
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

/**
 * Services whose payments the wallet, once it debited them, sends to the payee itself instead of reporting the debit
 * (docs/payment-flow.md): one hop fewer on the way to the money landing. A СОЧИ top-up has a single answer (credited or
 * refused); an ЭЦП payment still goes through the router.
 */
export function walletAsksPayee(service: PayableServiceCode): boolean {
  return service === 'SOCHI';
}

/** The payment saga as a pure function: given the payment and a fact, the next stage and the commands to send. */
export function react(payment: PaymentState, fact: PaymentFact): Reaction {
  const { stage } = payment;
  // The payee answers a payment the wallet sent it: the debit came first, though the router hears of it only now.
  const slip = walletAsksPayee(payment.service) && stage === 'AWAITING_DEBIT';
  switch (fact.kind) {
    case 'debited':
      if (slip) return { kind: 'impossible', why: `the wallet reports no debit of a ${payment.service} payment` };
      if (stage === 'AWAITING_DEBIT')
        return { kind: 'advance', stage: 'AWAITING_PAYEE', commands: [{ kind: 'deliver', service: payment.service }] };
      if (stage === 'REJECTED') return { kind: 'impossible', why: 'debited after the wallet rejected it' };
      return { kind: 'ignore' };
    case 'rejected':
      if (stage === 'AWAITING_DEBIT') return { kind: 'advance', stage: 'REJECTED', reason: fact.reason, commands: [] };
      if (stage === 'REJECTED') return { kind: 'ignore' };
      return { kind: 'impossible', why: `rejected by the wallet after it was debited (stage ${stage})` };
    case 'delivered':
      if (slip) return { kind: 'advance', stage: 'COMPLETED', commands: [], passed: 'AWAITING_PAYEE' };
      if (stage === 'AWAITING_PAYEE') return { kind: 'advance', stage: 'COMPLETED', commands: [] };
      if (stage === 'COMPLETED') return { kind: 'ignore' };
      return { kind: 'impossible', why: `delivered while ${stage}` };
    case 'refused':
      if (stage === 'AWAITING_PAYEE' || slip) {
        return {
          kind: 'advance',
          stage: 'AWAITING_REFUND',
          reason: fact.reason,
          commands: [{ kind: 'refund', reason: fact.reason }],
          ...(slip ? { passed: 'AWAITING_PAYEE' as const } : {}),
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
