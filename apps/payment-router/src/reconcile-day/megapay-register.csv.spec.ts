import { describe, expect, it } from '@jest/globals';
import { readMegapayRegister } from './megapay-register.csv.js';

const HEADER = 'idempotency_key,phone,service,account,amount,status,paid_at';
const LINE = 'k-1,996555000001,SOCHI,01234567890123,150.00,COMPLETED,2026-11-26T09:30:00+06:00';

describe('readMegapayRegister', () => {
  it('reads each line into tyiyn and an instant', () => {
    expect(
      readMegapayRegister(
        `${HEADER}\r\n${LINE}\r\n"k,2",996555000002,ECP,4000000000000002,1510.00,REFUNDED,2026-11-26T03:00:00Z\n`,
      ),
    ).toEqual({
      ok: true,
      entries: [
        {
          idempotencyKey: 'k-1',
          phone: '996555000001',
          service: 'SOCHI',
          account: '01234567890123',
          amount: 15000n,
          status: 'COMPLETED',
          at: new Date('2026-11-26T03:30:00Z'),
        },
        {
          idempotencyKey: 'k,2',
          phone: '996555000002',
          service: 'ECP',
          account: '4000000000000002',
          amount: 151000n,
          status: 'REFUNDED',
          at: new Date('2026-11-26T03:00:00Z'),
        },
      ],
    });
  });

  it('takes a register with no payments', () => {
    expect(readMegapayRegister(`\uFEFF${HEADER}\n`)).toEqual({ ok: true, entries: [] });
  });

  it.each([
    ['', 1, /empty/],
    ['idempotency_key,phone\nk,996555000001', 1, /columns are/],
    [`${HEADER}\n${LINE}\nk-2,996555000001,SOCHI,01234567890123,150,COMPLETED,2026-11-26T09:30:00Z`, 3, /amount 150 /],
    [`${HEADER}\n${LINE}\n${LINE}`, 3, /on line 2 already/],
    [`${HEADER}\nk,996555000001,SOCHI,01234567890123,1.00,PENDING,2026-11-26T09:30:00Z`, 2, /status PENDING/],
    [`${HEADER}\nk,996555000001,SOCHI,01234567890123,1.00,COMPLETED,26.11.2026`, 2, /paid_at/],
    [`${HEADER}\nk,996555000001,SOCHI,01234567890123,1.00,COMPLETED`, 2, /6 columns/],
    [`${HEADER}\nk,99655500000,SOCHI,01234567890123,1.00,COMPLETED,2026-11-26T09:30:00Z`, 2, /phone/],
    [`${HEADER}\nk,996555000001,ECP,1234,1.00,COMPLETED,2026-11-26T09:30:00Z`, 2, /invoice number/],
    [`${HEADER}\n"k,996555000001`, 2, /not CSV/],
  ])('names the first line it cannot read: %j', (text, line, problem) => {
    const read = readMegapayRegister(text);
    expect(read).toMatchObject({ ok: false, line });
    expect(read.ok === false && read.problem).toMatch(problem);
  });
});
