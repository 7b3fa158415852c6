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

/** A CSV field: quoted when it holds a separator, quote or line break (RFC 4180); a leading = + - @ is defused for spreadsheets. */
function field(value: string): string {
  const text = /^[=+@\t\r]/.test(value) || (/^-/.test(value) && !/^-?[0-9.]+$/.test(value)) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The statement as CSV (RFC 4180, CRLF): a header line, one line per entry with times in ISO 8601 UTC and amounts as
 * decimal som, then the period's totals as `#` lines a reader can skip.
 */
export function statementCsv(statement: Statement): string {
  const lines = [
    COLUMNS.join(','),
    ...statement.entries.map((e) => [e.at, e.kind, e.amount, e.balanceAfter, e.paymentId ?? '', e.reportId ?? ''].map(field).join(',')),
  ];
  const totals = [
    `# inn,${field(statement.inn)}`,
    `# name,${field(statement.name)}`,
    `# period,${statement.from},${statement.to}`,
    `# opening_balance,${statement.openingBalance}`,
    `# credits,${statement.credits}`,
    `# charges,${statement.charges}`,
    `# closing_balance,${statement.closingBalance}`,
  ];
  return `${[...lines, ...totals].join('\r\n')}\r\n`;
}
