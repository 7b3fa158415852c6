import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  addMonthsUtc,
  certificateValidity,
  serialNumberFrom,
  SERIAL_BYTES,
  subjectAttributes,
} from './certificate-profile.js';

describe('subjectAttributes', () => {
  it('names the country, the organization, its INN, the signer role and the signer, in that order', () => {
    expect(
      subjectAttributes({
        organizationName: 'ОсОО «Ала-Тоо»',
        inn: '01234567890123',
        signerName: 'Асанов Бакыт',
        signerRole: 'Директор',
      }),
    ).toEqual([
      { '2.5.4.6': ['KG'] },
      { '2.5.4.10': ['ОсОО «Ала-Тоо»'] },
      { '2.5.4.5': ['01234567890123'] },
      { '2.5.4.12': ['Директор'] },
      { '2.5.4.3': ['Асанов Бакыт'] },
    ]);
  });
});

describe('validity', () => {
  it('adds calendar months, keeping the time of day', () => {
    expect(addMonthsUtc(new Date('2026-03-10T06:07:08.009Z'), 12)).toEqual(new Date('2027-03-10T06:07:08.009Z'));
    expect(addMonthsUtc(new Date('2026-11-30T00:00:00Z'), 3)).toEqual(new Date('2027-02-28T00:00:00Z'));
    expect(addMonthsUtc(new Date('2026-12-31T23:59:59Z'), 1)).toEqual(new Date('2027-01-31T23:59:59Z'));
  });

  it('ends a leap day certificate on the last day of February a year later', () => {
    expect(addMonthsUtc(new Date('2028-02-29T12:00:00Z'), 12)).toEqual(new Date('2029-02-28T12:00:00Z'));
  });

  it('starts at the production second and lasts the product months', () => {
    expect(certificateValidity(new Date('2026-03-10T06:07:08.999Z'), 12)).toEqual({
      notBefore: new Date('2026-03-10T06:07:08Z'),
      notAfter: new Date('2027-03-10T06:07:08Z'),
    });
  });

  it('always ends after it starts and never more than 31 days past the same day-count in months', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 60 }),
        (at, months) => {
          const end = addMonthsUtc(at, months);
          expect(end.getTime()).toBeGreaterThan(at.getTime());
          expect((end.getUTCFullYear() - at.getUTCFullYear()) * 12 + end.getUTCMonth() - at.getUTCMonth()).toBe(months);
        },
      ),
    );
  });
});

describe('serialNumberFrom', () => {
  it('is positive, full length hex, whatever the random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: SERIAL_BYTES, maxLength: SERIAL_BYTES }), (bytes) => {
        const serial = serialNumberFrom(bytes);
        expect(serial).toMatch(/^[4-7][0-9a-f]{31}$/);
      }),
    );
  });

  it('keeps all but the top two bits of randomness', () => {
    expect(serialNumberFrom(new Uint8Array(SERIAL_BYTES).fill(0xff))).toBe(`7f${'ff'.repeat(SERIAL_BYTES - 1)}`);
    expect(serialNumberFrom(new Uint8Array(SERIAL_BYTES))).toBe(`40${'00'.repeat(SERIAL_BYTES - 1)}`);
  });

  it('refuses too little randomness', () => {
    expect(() => serialNumberFrom(new Uint8Array(8))).toThrow();
  });
});
