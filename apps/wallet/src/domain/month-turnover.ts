import { bishkekMonth, type Tyiyn } from '#money';

/**
 * A wallet's turnover in one calendar month (Asia/Bishkek): the payments debited in that month less their refunds.
 * Top-ups never count. The monthly limit caps it; the wallet screen shows it with what is left.
 */
export interface MonthTurnover {
  month: string;
  amount: Tyiyn;
}

/** The month a debit made at this instant counts in. */
export function turnoverMonth(at: Date): string {
  return bishkekMonth(at);
}

/** The turnover of `month`, given the record the wallet has (if any): a record of another month counts as nothing. */
export function turnoverIn(month: string, record: MonthTurnover | null): Tyiyn {
  return record && record.month === month ? record.amount : 0n;
}

export function turnoverAfterDebit(turnover: Tyiyn, amount: Tyiyn): Tyiyn {
  if (amount <= 0n) throw new Error('a debit is positive');
  return turnover + amount;
}

/** A refund takes its payment back out of the month the payment was debited in; it can never go below zero. */
export function turnoverAfterRefund(turnover: Tyiyn, amount: Tyiyn): Tyiyn {
  if (amount <= 0n) throw new Error('a refund is positive');
  if (amount > turnover) throw new Error(`a refund of ${amount} exceeds the month's turnover of ${turnover}`);
  return turnover - amount;
}

/** Whether a payment still fits the month: the limit itself may be reached exactly. */
export function fitsMonthlyLimit(limit: Tyiyn, turnover: Tyiyn, amount: Tyiyn): boolean {
  return turnover + amount <= limit;
}

/** What the subscriber may still pay this month; never negative, even if the limit was lowered below the turnover. */
export function availableThisMonth(limit: Tyiyn, turnover: Tyiyn): Tyiyn {
  return turnover >= limit ? 0n : limit - turnover;
}
