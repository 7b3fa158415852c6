import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { ApiError } from '../api-error.js';
import { ZodPipe } from '../zod-pipe.js';
import { answerWith, type Failure } from './failure.js';
import { innParams, invoiceNumberField, phoneParams } from './identifiers.js';
import { somAmountField } from './som-amount.js';

function fieldErrors(schema: z.ZodType, value: unknown): unknown {
  try {
    new ZodPipe(schema).transform(value);
  } catch (e) {
    if (e instanceof ApiError) return e.extra.errors;
    throw e;
  }
  return [];
}

describe('somAmountField', () => {
  const body = z.object({ amount: somAmountField(), price: somAmountField('INVALID_PRICE').optional() });

  it('reads a decimal som string into tyiyn', () => {
    expect(body.parse({ amount: '150.5' })).toEqual({ amount: 15050n });
  });

  it.each([['1.001'], ['0.00'], ['1000000.01'], ['-1'], ['1e3']])('refuses %j with the one field code', (amount) => {
    expect(fieldErrors(body, { amount })).toEqual([
      expect.objectContaining({ field: 'amount', code: 'INVALID_AMOUNT' }),
    ]);
  });

  it('names its own code for another field, and a JSON number takes the field code too', () => {
    expect(fieldErrors(body, { amount: 150, price: '0' })).toEqual([
      expect.objectContaining({ field: 'amount', code: 'INVALID_AMOUNT' }),
      expect.objectContaining({ field: 'price', code: 'INVALID_PRICE' }),
    ]);
  });
});

describe('identifier params', () => {
  it('take the one pattern of each identifier', () => {
    expect(fieldErrors(phoneParams, { phone: '99655500000' })).toEqual([
      expect.objectContaining({ field: 'phone', code: 'INVALID_PHONE' }),
    ]);
    expect(fieldErrors(innParams, { inn: '0123456789012' })).toEqual([
      expect.objectContaining({ field: 'inn', code: 'INVALID_INN' }),
    ]);
    expect(fieldErrors(z.object({ number: invoiceNumberField }), { number: '123' })).toEqual([
      expect.objectContaining({ field: 'number', code: 'INVALID_INVOICE_NUMBER' }),
    ]);
    expect(phoneParams.parse({ phone: '996555000001' })).toEqual({ phone: '996555000001' });
  });
});

describe('answerWith', () => {
  type NotFound = Failure & { failure: 'not-found'; id: string };
  const answer = answerWith((f: NotFound) => new ApiError(404, 'THING_NOT_FOUND', `no thing ${f.id}`));

  it('passes a result through and throws a failure as its problem', () => {
    expect(answer({ id: 'a', name: 'A' } as { id: string; name: string } | NotFound)).toEqual({ id: 'a', name: 'A' });
    expect(() => answer({ failure: 'not-found', id: 'b' } as NotFound)).toThrow(
      expect.objectContaining({ status: 404, code: 'THING_NOT_FOUND' }) as unknown as Error,
    );
  });
});
