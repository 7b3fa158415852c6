import type { PayableServiceCode } from './payable-service.js';
import type { PaymentStage } from './payment-saga.js';

/** The services a payment's story passes through. */
export const TIMELINE_SERVICES = ['payment-router', 'wallet', 'sochi-balance', 'ecp-invoicing'] as const;
export type TimelineService = (typeof TIMELINE_SERVICES)[number];

/** What happened at one step of a payment, named by its effect rather than by the stage it led to. */
export const TIMELINE_STEPS = [
  'REQUESTED',
  'DEBITED',
  'DEBIT_REJECTED',
  'CREDITED',
  'INVOICE_PAID',
  'PAYEE_REFUSED',
  'REFUNDED',
  'SIGNATURE_PRODUCED',
] as const;
export type TimelineStep = (typeof TIMELINE_STEPS)[number];

const PAYEE: Record<PayableServiceCode, TimelineService> = { SOCHI: 'sochi-balance', ECP: 'ecp-invoicing' };

/**
 * The step a recorded stage stands for and the service whose answer caused it: the router records the request, the
 * wallet the debit, its refusal and the refund, and the payee (sochi-balance or ecp-invoicing) its acceptance or refusal.
 */
export function timelineStep(
  stage: PaymentStage,
  service: PayableServiceCode,
): { step: TimelineStep; service: TimelineService } {
  switch (stage) {
    case 'AWAITING_DEBIT':
      return { step: 'REQUESTED', service: 'payment-router' };
    case 'AWAITING_PAYEE':
      return { step: 'DEBITED', service: 'wallet' };
    case 'REJECTED':
      return { step: 'DEBIT_REJECTED', service: 'wallet' };
    case 'COMPLETED':
      return { step: service === 'SOCHI' ? 'CREDITED' : 'INVOICE_PAID', service: PAYEE[service] };
    case 'AWAITING_REFUND':
      return { step: 'PAYEE_REFUSED', service: PAYEE[service] };
    case 'REFUNDED':
      return { step: 'REFUNDED', service: 'wallet' };
  }
}
