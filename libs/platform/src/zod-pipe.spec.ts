import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { ApiError } from './api-error.js';
import { coded, ZodPipe } from './zod-pipe.js';

const organization = z.object({ inn: z.string().regex(/^[0-9]{14}$/), name: z.string().trim().min(1).max(300) });
const invoiceNumber = z
  .string()
  .refine(...coded<string>('INVALID_INVOICE_NUMBER', '16 digits', (v) => /^[0-9]{16}$/.test(v)));

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('ZodPipe', () => {
  it('passes a valid part through its schema', () => {
    expect(new ZodPipe(organization).transform({ inn: '01234567890123', name: '  ОсОО Тест ' })).toEqual({
      inn: '01234567890123',
      name: 'ОсОО Тест',
    });
  });

  it.each([
    ['a NUL', 'ОсОО\u0000Тест'],
    ['a lone surrogate', 'ОсОО \uD800Тест'],
    ['a NUL that trimming would leave in place', ' \u0000 '],
  ])('refuses a name with %s as INVALID_CHARACTERS instead of storing another text', (_, name) => {
    const e = refusal(() => new ZodPipe(organization).transform({ inn: '01234567890123', name }));
    expect(e.status).toBe(400);
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.extra.errors).toEqual([{ field: 'name', code: 'INVALID_CHARACTERS', message: expect.any(String) }]);
  });

  it("reports the characters of one field beside the other fields' own problems", () => {
    const e = refusal(() => new ZodPipe(organization).transform({ inn: '123', name: 'a\u0000' }));
    expect(e.extra.errors).toEqual([
      expect.objectContaining({ field: 'name', code: 'INVALID_CHARACTERS' }),
      expect.objectContaining({ field: 'inn', code: 'INVALID_INN' }),
    ]);
  });

  it('refuses invalid characters in a field the schema does not know, too', () => {
    const e = refusal(() => new ZodPipe(organization).transform({ inn: '01234567890123', name: 'ok', note: '\u0000' }));
    expect(e.extra.errors).toEqual([expect.objectContaining({ field: 'note', code: 'INVALID_CHARACTERS' })]);
  });

  it('names a single route parameter after the parameter Nest passes it for', () => {
    const pipe = new ZodPipe(invoiceNumber);
    const asParam = { type: 'param', data: 'number' } as const;
    expect(pipe.transform('4000000000000002', asParam)).toBe('4000000000000002');
    expect(refusal(() => pipe.transform('123', asParam)).extra.errors).toEqual([
      { field: 'number', code: 'INVALID_INVOICE_NUMBER', message: '16 digits' },
    ]);
    expect(refusal(() => pipe.transform('4000\u0000', asParam)).extra.errors).toEqual([
      expect.objectContaining({ field: 'number', code: 'INVALID_CHARACTERS' }),
    ]);
  });

  it("keeps a name given to it over the parameter's", () => {
    const e = refusal(() => new ZodPipe(invoiceNumber, 'invoice').transform('1', { type: 'param', data: 'number' }));
    expect(e.extra.errors).toEqual([expect.objectContaining({ field: 'invoice' })]);
  });

  it('names each field of a whole params object, and an absent body as an empty one', () => {
    const params = z.object({ phone: z.string().regex(/^996[0-9]{9}$/) });
    expect(
      refusal(() => new ZodPipe(params).transform({ phone: '996\u0000' }, { type: 'param' })).extra.errors,
    ).toEqual([expect.objectContaining({ field: 'phone', code: 'INVALID_CHARACTERS' })]);
    expect(refusal(() => new ZodPipe(organization).transform(undefined, { type: 'body' })).extra.errors).toEqual([
      expect.objectContaining({ field: 'inn' }),
      expect.objectContaining({ field: 'name' }),
    ]);
  });
});
