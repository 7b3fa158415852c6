import { describe, expect, it } from '@jest/globals';
import { INVOICE_STATUSES, type InvoiceState } from './invoice.js';
import { decideReissue } from './registration.js';

const NOW = new Date('2026-03-10T06:00:00Z');
const REGISTRATION = '5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const state = (status: InvoiceState['status'], expiresAt = new Date('2026-04-09T06:00:00Z')): InvoiceState => ({
  status,
  amount: 151000n,
  paymentId: ['ISSUED', 'EXPIRED', 'CANCELLED'].includes(status) ? null : 'p',
  expiresAt,
  registrationId: REGISTRATION,
});

describe('decideReissue', () => {
  it.each(['EXPIRED', 'CANCELLED'] as const)('issues a new invoice when the last one is %s', (status) => {
    expect(decideReissue([{ number: 'a', state: state(status) }], NOW)).toEqual({ kind: 'issue', expireFirst: [] });
  });

  it('issues after several dead invoices, and for a registration with none', () => {
    expect(
      decideReissue(
        [
          { number: 'a', state: state('EXPIRED') },
          { number: 'b', state: state('CANCELLED') },
        ],
        NOW,
      ),
    ).toEqual({ kind: 'issue', expireFirst: [] });
    expect(decideReissue([], NOW)).toEqual({ kind: 'issue', expireFirst: [] });
  });

  it.each(['ISSUED', 'PAID', 'SIGNATURE_PRODUCED', 'PRODUCTION_FAILED'] as const)(
    'refuses while the registration has a %s invoice',
    (status) => {
      expect(
        decideReissue(
          [
            { number: 'a', state: state('CANCELLED') },
            { number: 'b', state: state(status) },
          ],
          NOW,
        ),
      ).toEqual({
        kind: 'refuse',
        code: 'REGISTRATION_HAS_LIVE_INVOICE',
        invoiceNumber: 'b',
        invoiceStatus: status,
      });
    },
  );

  it('counts an overdue invoice as expired, and has its expiry recorded first', () => {
    expect(decideReissue([{ number: 'a', state: state('ISSUED', NOW) }], NOW)).toEqual({
      kind: 'issue',
      expireFirst: ['a'],
    });
    const aSecondBefore = new Date(NOW.getTime() + 1000);
    expect(decideReissue([{ number: 'a', state: state('ISSUED', aSecondBefore) }], NOW)).toMatchObject({
      kind: 'refuse',
      invoiceStatus: 'ISSUED',
    });
  });

  it('refuses exactly the statuses a paid or payable invoice can have', () => {
    const refused = INVOICE_STATUSES.filter(
      (s) => decideReissue([{ number: 'a', state: state(s) }], NOW).kind === 'refuse',
    );
    expect(refused).toEqual(['ISSUED', 'PAID', 'SIGNATURE_PRODUCED', 'PRODUCTION_FAILED']);
  });
});
