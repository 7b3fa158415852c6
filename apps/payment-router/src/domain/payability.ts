import type { Tyiyn } from '#money';
import type { PayableServiceCode } from './payable-service.js';

export interface WalletSnapshot {
  balance: Tyiyn;
  availableThisMonth: Tyiyn;
}

export type PayeeSnapshot =
  | { service: 'SOCHI'; organizationName: string }
  | { service: 'ECP'; clientName: string; status: string; amountDue: Tyiyn };

export interface Payability {
  payable: boolean;
  problems: string[];
  holderName: string | null;
  amountDue: Tyiyn | null;
}

/** Why an ЭЦП invoice that is not ISSUED cannot be paid; any other status means it was paid already. */
const ECP_STATUS_PROBLEMS: Record<string, string> = { EXPIRED: 'INVOICE_EXPIRED', CANCELLED: 'INVOICE_CANCELLED' };

/**
 * Whether a payment would go through right now, and every reason it would not. Advisory: the wallet and the
 * payee decide again when the payment runs, so a race between check and pay still cannot lose money.
 */
export function assessPayability(
  service: PayableServiceCode,
  amount: Tyiyn,
  wallet: WalletSnapshot | null,
  payee: PayeeSnapshot | null,
): Payability {
  const problems: string[] = [];
  if (!wallet) problems.push('WALLET_NOT_FOUND');
  else {
    if (wallet.balance < amount) problems.push('INSUFFICIENT_FUNDS');
    if (wallet.availableThisMonth < amount) problems.push('MONTHLY_LIMIT_EXCEEDED');
  }
  let holderName: string | null = null;
  let amountDue: Tyiyn | null = null;
  if (!payee) problems.push(service === 'SOCHI' ? 'UNKNOWN_INN' : 'UNKNOWN_INVOICE');
  else if (payee.service === 'SOCHI') holderName = payee.organizationName;
  else {
    holderName = payee.clientName;
    amountDue = payee.status === 'ISSUED' ? payee.amountDue : 0n;
    if (payee.status !== 'ISSUED') problems.push(ECP_STATUS_PROBLEMS[payee.status] ?? 'INVOICE_ALREADY_PAID');
    else if (payee.amountDue !== amount) problems.push('AMOUNT_MISMATCH');
  }
  return { payable: problems.length === 0, problems, holderName, amountDue };
}
