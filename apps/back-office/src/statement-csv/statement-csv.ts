import { spreadsheetSafeCsv } from '#platform';

/** One line of an organization's statement as sochi-balance answers it. */
export interface StatementEntry {
  kind: 'TOP_UP' | 'CHARGE';
  amount: string;
  balanceAfter: string;
  paymentId: string | null;
  reportId: string | null;
  at: string;
}

export interface Statement {
  inn: string;
  name: string;
  from: string;
  to: string;
  openingBalance: string;
  credits: string;
  charges: string;
  closingBalance: string;
  entries: StatementEntry[];
}

const COLUMNS = ['at', 'kind', 'amount', 'balance_after', 'payment_id', 'report_id'] as const;

/**
 * The statement as CSV (RFC 4180, CRLF, every cell defused): a header line, one line per entry with times in ISO 8601
 * UTC and amounts as decimal som, then the period's totals as `#` lines a reader can skip.
 */
export function statementCsv(statement: Statement): string {
  const rows = [
    [...COLUMNS],
    ...statement.entries.map((e) => [e.at, e.kind, e.amount, e.balanceAfter, e.paymentId ?? '', e.reportId ?? '']),
    ['# inn', statement.inn],
    ['# name', statement.name],
    ['# period', statement.from, statement.to],
    ['# opening_balance', statement.openingBalance],
    ['# credits', statement.credits],
    ['# charges', statement.charges],
    ['# closing_balance', statement.closingBalance],
  ];
  return spreadsheetSafeCsv(rows);
}
