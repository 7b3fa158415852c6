import type { PayableServiceCode } from './payable-service.js';
import type { PaymentStage } from './payment-saga.js';

/** What a payment that is not final waits for, in the words billing staff use; null once it is final. */
export function waitingFor(stage: PaymentStage, service: PayableServiceCode): string | null {
  switch (stage) {
    case 'AWAITING_DEBIT':
      // The wallet sends a debited payment on to its payee itself: the router cannot tell which of the two it awaits.
      return service === 'SOCHI' ? 'wallet debit and СОЧИ credit' : 'wallet debit and ЭЦП invoice payment';
    case 'AWAITING_PAYEE':
      return service === 'SOCHI' ? 'СОЧИ credit' : 'ЭЦП invoice payment';
    case 'AWAITING_REFUND':
      return 'wallet refund';
    default:
      return null;
  }
}
