import { describe, expect, it } from '@jest/globals';
import { accountError } from './payable-service.js';

describe('accountError', () => {
  it('takes an INN of 14 digits for СОЧИ', () => {
    expect(accountError('SOCHI', '01234567890123')).toBeNull();
    expect(accountError('SOCHI', '0123456789012')).toBe('INVALID_INN');
  });

  it('takes a 16-digit invoice number with a valid check digit for ЭЦП', () => {
    expect(accountError('ECP', '4539578763621486')).toBeNull();
    expect(accountError('ECP', '4000000000000002')).toBeNull();
  });

  it.each([
    ['a one-digit typo', '4539578763621487'],
    ['two adjacent digits swapped', '4535978763621486'],
    ['a leading zero', '0000000000000000'],
    ['15 digits', '453957876362148'],
    ['a letter', '453957876362148a'],
  ])('refuses an invoice number with %s', (_what, account) => {
    expect(accountError('ECP', account)).toBe('INVALID_INVOICE_NUMBER');
  });
});
