import { describe, expect, it } from '@jest/globals';
import { statementCsv, type Statement } from './statement-csv.js';

const statement: Statement = {
  inn: '01234567890123',
  name: 'ОсОО "Пример", Бишкек',
  from: '2026-11-01',
  to: '2026-11-30',
  openingBalance: '0.00',
  credits: '500.00',
  charges: '120.00',
  closingBalance: '380.00',
  entries: [
    {
      kind: 'TOP_UP',
      amount: '500.00',
      balanceAfter: '500.00',
      paymentId: 'b3f1c1d2-0000-4000-8000-000000000001',
      reportId: null,
      at: '2026-11-02T04:00:00.000Z',
    },
    {
      kind: 'CHARGE',
      amount: '-120.00',
      balanceAfter: '380.00',
      paymentId: null,
      reportId: '=HYPERLINK("x")',
      at: '2026-11-03T04:00:00.000Z',
    },
  ],
};

describe('an organization statement as CSV', () => {
  const lines = statementCsv(statement).split('\r\n');

  it('has a header and one line per entry, negative amounts as numbers', () => {
    expect(lines[0]).toBe('at,kind,amount,balance_after,payment_id,report_id');
    expect(lines[1]).toBe('2026-11-02T04:00:00.000Z,TOP_UP,500.00,500.00,b3f1c1d2-0000-4000-8000-000000000001,');
    expect(lines[2].split(',').slice(0, 3)).toEqual(['2026-11-03T04:00:00.000Z', 'CHARGE', '-120.00']);
  });

  it('defuses a formula and quotes separators and quotes', () => {
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines).toContain('# name,"ОсОО ""Пример"", Бишкек"');
  });

  it('ends with the period totals', () => {
    expect(lines).toContain('# closing_balance,380.00');
    expect(lines.at(-1)).toBe('');
  });
});
