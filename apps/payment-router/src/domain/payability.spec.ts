import { describe, expect, it } from '@jest/globals';
import { assessPayability } from './payability.js';

const wallet = { balance: 6738n, availableThisMonth: 6_000_000n };

describe('assessPayability', () => {
  it('accepts a СОЧИ payment the wallet covers, naming the organization', () => {
    expect(assessPayability('SOCHI', 5000n, wallet, { service: 'SOCHI', organizationName: 'ОсОО Ромашка' })).toEqual({
      payable: true,
      problems: [],
      holderName: 'ОсОО Ромашка',
      amountDue: null,
    });
  });

  it('lists every reason at once', () => {
    const r = assessPayability('SOCHI', 10_000n, { balance: 100n, availableThisMonth: 50n }, null);
    expect(r.problems).toEqual(['INSUFFICIENT_FUNDS', 'MONTHLY_LIMIT_EXCEEDED', 'UNKNOWN_INN']);
    expect(r.payable).toBe(false);
  });

  it('accepts exactly the balance and exactly what is left of the month', () => {
    expect(
      assessPayability(
        'SOCHI',
        6738n,
        { balance: 6738n, availableThisMonth: 6738n },
        { service: 'SOCHI', organizationName: 'X' },
      ).payable,
    ).toBe(true);
  });

  it('shows the ЭЦП amount due and refuses another amount', () => {
    const invoice = { service: 'ECP' as const, clientName: 'ИП Асанов', status: 'ISSUED', amountDue: 151_000n };
    expect(
      assessPayability('ECP', 151_000n, { balance: 200_000n, availableThisMonth: 6_000_000n }, invoice),
    ).toMatchObject({ payable: true, amountDue: 151_000n });
    expect(
      assessPayability('ECP', 100_000n, { balance: 200_000n, availableThisMonth: 6_000_000n }, invoice).problems,
    ).toEqual(['AMOUNT_MISMATCH']);
  });

  it.each([
    ['EXPIRED', 'INVOICE_EXPIRED'],
    ['CANCELLED', 'INVOICE_CANCELLED'],
    ['SIGNATURE_PRODUCED', 'INVOICE_ALREADY_PAID'],
    ['PRODUCTION_FAILED', 'INVOICE_ALREADY_PAID'],
  ])('refuses an invoice that is %s as %s, with nothing due', (status, problem) => {
    const invoice = { service: 'ECP' as const, clientName: 'X', status, amountDue: 151_000n };
    expect(
      assessPayability('ECP', 151_000n, { balance: 200_000n, availableThisMonth: 6_000_000n }, invoice),
    ).toMatchObject({ payable: false, problems: [problem], amountDue: 0n });
  });

  it('refuses a paid invoice and an unknown wallet', () => {
    const paid = { service: 'ECP' as const, clientName: 'X', status: 'PAID', amountDue: 151_000n };
    expect(assessPayability('ECP', 151_000n, null, paid).problems).toEqual([
      'WALLET_NOT_FOUND',
      'INVOICE_ALREADY_PAID',
    ]);
  });
});
