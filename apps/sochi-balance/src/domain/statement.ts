import type { Tyiyn } from '#money';

/** СОЧИ ledger entries store positive amounts; the kind gives the direction. */
export type LedgerKind = 'TOP_UP' | 'CHARGE';

export interface LedgerEntry {
  kind: LedgerKind;
  amount: Tyiyn;
  balanceAfter: Tyiyn;
}

export function signedAmount(kind: LedgerKind, amount: Tyiyn): Tyiyn {
  return kind === 'CHARGE' ? -amount : amount;
}

export interface Statement {
  openingBalance: Tyiyn;
  credits: Tyiyn;
  charges: Tyiyn;
  closingBalance: Tyiyn;
}

/**
 * A period's statement: the opening balance (the ledger's balance when the period began), what was credited and
 * charged in it, and the closing balance = opening + credits − charges. Every entry must follow from the one before
 * it; the closing balance is then exactly the ledger's balance at the end of the period.
 */
export function statement(openingBalance: Tyiyn, entries: readonly LedgerEntry[]): Statement {
  let balance = openingBalance;
  let credits = 0n;
  let charges = 0n;
  for (const [i, e] of entries.entries()) {
    if (e.amount <= 0n) throw new Error(`ledger entry ${i} has a non-positive amount`);
    if (e.kind === 'TOP_UP') credits += e.amount;
    else charges += e.amount;
    balance += signedAmount(e.kind, e.amount);
    if (balance !== e.balanceAfter)
      throw new Error(`ledger entry ${i} says ${e.balanceAfter} after it, the entries before it give ${balance}`);
  }
  return { openingBalance, credits, charges, closingBalance: openingBalance + credits - charges };
}
