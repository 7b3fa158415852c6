import { describe, expect, it } from '@jest/globals';
import { compareRegisters, differenceSignature, type OurEntry, type RegisterEntry } from './reconciliation.js';

const AT = new Date('2026-11-26T06:00:00Z');
const ours = (key: string, over: Partial<OurEntry> = {}): OurEntry => ({
  idempotencyKey: key,
  paymentId: `00000000-0000-4000-8000-${key.padStart(12, '0')}`,
  phone: '996555000001',
  service: 'SOCHI',
  account: '01234567890123',
  amount: 15000n,
  status: 'COMPLETED',
  at: AT,
  ...over,
});
const theirs = (key: string, over: Partial<RegisterEntry> = {}): RegisterEntry => {
  const { paymentId: _, ...line } = ours(key);
  return { ...line, ...over };
};

describe('compareRegisters', () => {
  it('counts lines that agree in every column as matched, with no difference', () => {
    const result = compareRegisters([ours('1'), ours('2')], [theirs('1'), theirs('2')]);
    expect(result.counts).toEqual({
      matched: 2,
      missingOnOurSide: 0,
      missingOnTheirs: 0,
      amountDiffers: 0,
      statusDiffers: 0,
      detailsDiffer: 0,
    });
    expect(result.differences).toEqual([]);
  });

  it('reports a line only MegaPay has as missing on our side, without a payment id', () => {
    const result = compareRegisters([], [theirs('7')]);
    expect(result.counts.missingOnOurSide).toBe(1);
    expect(result.differences).toEqual([
      { kind: 'missingOnOurSide', idempotencyKey: '7', paymentId: null, ours: null, theirs: theirs('7') },
    ]);
  });

  it('reports a line only we have as missing on theirs, with our payment id', () => {
    const result = compareRegisters([ours('8')], []);
    expect(result.counts.missingOnTheirs).toBe(1);
    expect(result.differences).toEqual([
      { kind: 'missingOnTheirs', idempotencyKey: '8', paymentId: ours('8').paymentId, ours: ours('8'), theirs: null },
    ]);
  });

  it('reports a different amount', () => {
    const result = compareRegisters([ours('3')], [theirs('3', { amount: 15001n })]);
    expect(result.counts).toMatchObject({ matched: 0, amountDiffers: 1 });
    expect(result.differences.map((d) => d.kind)).toEqual(['amountDiffers']);
  });

  it('reports a different status', () => {
    const result = compareRegisters([ours('4', { status: 'REFUNDED' })], [theirs('4')]);
    expect(result.counts).toMatchObject({ matched: 0, statusDiffers: 1 });
    expect(result.differences[0]).toMatchObject({
      kind: 'statusDiffers',
      ours: { status: 'REFUNDED' },
      theirs: { status: 'COMPLETED' },
    });
  });

  it('reports a different phone, service or account as details that differ', () => {
    const result = compareRegisters(
      [ours('5'), ours('6')],
      [theirs('5', { account: '99999999999999' }), theirs('6', { phone: '996700000000' })],
    );
    expect(result.counts.detailsDiffer).toBe(2);
  });

  it('gives one difference per way a pair differs, so each is explained on its own', () => {
    const result = compareRegisters([ours('9')], [theirs('9', { amount: 1n, status: 'REJECTED' })]);
    expect(result.differences.map((d) => d.kind)).toEqual(['amountDiffers', 'statusDiffers']);
    expect(result.counts.matched).toBe(0);
  });

  it('does not mind the time columns: a payment final just after midnight for MegaPay is still the same payment', () => {
    expect(compareRegisters([ours('1')], [theirs('1', { at: new Date('2026-11-27T00:00:00Z') })]).counts.matched).toBe(
      1,
    );
  });

  it('totals each side per service and per status, in tyiyn', () => {
    const result = compareRegisters(
      [ours('1'), ours('2', { service: 'ECP', amount: 151000n }), ours('3', { status: 'REFUNDED' })],
      [theirs('1'), theirs('2', { service: 'ECP', amount: 151000n })],
    );
    expect(result.perService).toEqual([
      { service: 'SOCHI', ours: { count: 2, amount: 30000n }, theirs: { count: 1, amount: 15000n } },
      { service: 'ECP', ours: { count: 1, amount: 151000n }, theirs: { count: 1, amount: 151000n } },
    ]);
    expect(result.perStatus).toEqual([
      { status: 'COMPLETED', ours: { count: 2, amount: 166000n }, theirs: { count: 2, amount: 166000n } },
      { status: 'REJECTED', ours: { count: 0, amount: 0n }, theirs: { count: 0, amount: 0n } },
      { status: 'REFUNDED', ours: { count: 1, amount: 15000n }, theirs: { count: 0, amount: 0n } },
    ]);
  });

  it('lists differences by idempotency key, whatever order the registers come in', () => {
    const result = compareRegisters([ours('b'), ours('a')], [theirs('c')]);
    expect(result.differences.map((d) => d.idempotencyKey)).toEqual(['a', 'b', 'c']);
  });

  it('refuses a register that names a key twice: which line counts would be a guess', () => {
    expect(() => compareRegisters([], [theirs('1'), theirs('1')])).toThrow(/twice/);
  });
});

describe('differenceSignature', () => {
  it('is the same for the same question and changes when either side changes', () => {
    const d = {
      kind: 'amountDiffers' as const,
      idempotencyKey: '3',
      ours: ours('3'),
      theirs: theirs('3', { amount: 1n }),
    };
    expect(differenceSignature({ ...d, ours: ours('3', { at: new Date(0) }) })).toBe(differenceSignature(d));
    expect(differenceSignature({ ...d, theirs: theirs('3', { amount: 2n }) })).not.toBe(differenceSignature(d));
  });
});
