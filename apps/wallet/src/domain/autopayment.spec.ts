import { bishkekDayStart, isCalendarDate } from '#money';
import { describe, expect, it } from '@jest/globals';
import { autopaymentAmount, changeStatus, recordRunOutcome } from './autopayment.js';
import {
  autopaymentFailedText,
  autopaymentReminderText,
  paymentCompletedText,
  paymentRejectedText,
} from './notification-text.js';
import { accountProblem } from './favorite.js';

describe('autopayment failures', () => {
  const active = { status: 'ACTIVE' as const, consecutiveFailures: 0 };
  const fail = { kind: 'failed' as const, reason: 'INSUFFICIENT_FUNDS' };

  it('counts consecutive failures and pauses at the limit, once', () => {
    const first = recordRunOutcome(active, 'PENDING', fail, 3);
    expect(first).toEqual({
      kind: 'record',
      runStatus: 'FAILED',
      consecutiveFailures: 1,
      status: 'ACTIVE',
      pausedNow: false,
    });
    const third = recordRunOutcome({ status: 'ACTIVE', consecutiveFailures: 2 }, 'PENDING', fail, 3);
    expect(third).toEqual({
      kind: 'record',
      runStatus: 'FAILED',
      consecutiveFailures: 3,
      status: 'PAUSED',
      pausedNow: true,
    });
    // A late outcome of a run started before the pause does not pause it "again".
    expect(recordRunOutcome({ status: 'PAUSED', consecutiveFailures: 3 }, 'PENDING', fail, 3)).toMatchObject({
      status: 'PAUSED',
      pausedNow: false,
      consecutiveFailures: 4,
    });
  });

  it('clears the count on a completed run', () => {
    expect(recordRunOutcome({ status: 'ACTIVE', consecutiveFailures: 2 }, 'PENDING', { kind: 'completed' }, 3)).toEqual(
      {
        kind: 'record',
        runStatus: 'COMPLETED',
        consecutiveFailures: 0,
        status: 'ACTIVE',
        pausedNow: false,
      },
    );
  });

  it('records one outcome per run', () => {
    expect(recordRunOutcome(active, 'FAILED', { kind: 'completed' }, 3)).toEqual({ kind: 'already-recorded' });
    expect(recordRunOutcome(active, 'COMPLETED', fail, 3)).toEqual({ kind: 'already-recorded' });
  });

  it('never changes a cancelled autopayment', () => {
    expect(recordRunOutcome({ status: 'CANCELLED', consecutiveFailures: 5 }, 'PENDING', fail, 3)).toMatchObject({
      status: 'CANCELLED',
      pausedNow: false,
    });
  });
});

describe('autopayment status changes', () => {
  it('pauses, resumes and cancels; a cancelled one stays cancelled', () => {
    expect(changeStatus('ACTIVE', 'pause')).toEqual({ kind: 'changed', status: 'PAUSED' });
    expect(changeStatus('PAUSED', 'resume')).toEqual({ kind: 'changed', status: 'ACTIVE' });
    expect(changeStatus('ACTIVE', 'resume')).toEqual({ kind: 'unchanged' });
    expect(changeStatus('PAUSED', 'cancel')).toEqual({ kind: 'changed', status: 'CANCELLED' });
    expect(changeStatus('CANCELLED', 'resume')).toEqual({ kind: 'refused', code: 'AUTOPAYMENT_CANCELLED' });
    expect(changeStatus('CANCELLED', 'cancel')).toEqual({ kind: 'unchanged' });
  });
});

describe('autopayment amount', () => {
  it("takes the amount asked for, else the favorite's", () => {
    expect(autopaymentAmount('SOCHI', 500n, 100n)).toEqual({ kind: 'amount', amount: 500n });
    expect(autopaymentAmount('SOCHI', null, 100n)).toEqual({ kind: 'amount', amount: 100n });
  });
  it("needs one for СОЧИ; for ЭЦП none means the invoice's amount due", () => {
    expect(autopaymentAmount('SOCHI', null, null)).toEqual({ kind: 'amount-required' });
    expect(autopaymentAmount('ECP', null, null)).toEqual({ kind: 'amount', amount: null });
  });
});

describe('accounts', () => {
  it('takes a 14-digit INN for СОЧИ and a 16-digit invoice number for ЭЦП', () => {
    expect(accountProblem('SOCHI', '01234567890123')).toBeNull();
    expect(accountProblem('SOCHI', '0123456789012345')).toMatchObject({ code: 'INVALID_INN' });
    expect(accountProblem('ECP', '0123456789012345')).toBeNull();
    expect(accountProblem('ECP', '01234567890123')).toMatchObject({ code: 'INVALID_INVOICE_NUMBER' });
  });
});

describe('notification texts', () => {
  const p = { service: 'SOCHI' as const, account: '01234567890123', amount: 15_000n };
  it('names the amount, service and account', () => {
    expect(paymentCompletedText(p, null)).toBe('Платеж 150.00 сом (СОЧИ, ИНН 01234567890123) выполнен.');
    expect(paymentRejectedText(p, 'INSUFFICIENT_FUNDS')).toContain('недостаточно средств');
    expect(paymentRejectedText(p, 'SOMETHING_NEW')).toContain('SOMETHING_NEW');
  });
  it('reminds with the Bishkek date and time of the run', () => {
    expect(autopaymentReminderText('Налоги', p, new Date('2026-12-05T03:00:00Z'))).toBe(
      'Напоминание: 05.12.2026 в 09:00 автоплатеж «Налоги»: 150.00 сом (СОЧИ, ИНН 01234567890123).',
    );
  });
  it('says when a failure paused the autopayment', () => {
    expect(autopaymentFailedText('Налоги', 'INSUFFICIENT_FUNDS', null)).not.toContain('приостановлен');
    expect(autopaymentFailedText('Налоги', 'INSUFFICIENT_FUNDS', 3)).toContain('приостановлен после 3');
  });
});

describe('Bishkek days', () => {
  it('start at 18:00 UTC the day before', () => {
    expect(bishkekDayStart('2026-11-26')).toEqual(new Date('2026-11-25T18:00:00Z'));
  });
  it.each(['2026-02-29', '2026-04-31', '2026-13-01', '26-11-01', '2026-11-1'])('refuses %j', (d) =>
    expect(isCalendarDate(d)).toBe(false),
  );
  it('accepts a leap day', () => expect(isCalendarDate('2028-02-29')).toBe(true));
});
