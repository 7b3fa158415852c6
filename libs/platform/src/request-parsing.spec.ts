import { describe, expect, it } from '@jest/globals';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './api-error.js';
import { isJsonMediaType, jsonBodyParserOptions, parseQuery, requireJsonBody } from './request-parsing.js';

describe('isJsonMediaType', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON',
    'application/merge-patch+json',
    'application/vnd.megapay.v1+json',
  ])('takes %s', (type) => expect(isJsonMediaType(type)).toBe(true));
  it.each([
    undefined,
    '',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'text/plain',
    'text/json',
    'application/jsonx',
    'application/json+xml',
  ])('refuses %j', (type) => expect(isJsonMediaType(type)).toBe(false));
});

describe('requireJsonBody', () => {
  const run = (headers: Record<string, string>) => {
    let passed: unknown = 'not called';
    requireJsonBody({ headers } as Request, {} as Response, ((e?: unknown) => (passed = e)) as NextFunction);
    return passed;
  };

  it('lets a JSON body and a request without a body through', () => {
    expect(run({ 'content-type': 'application/json', 'content-length': '2' })).toBeUndefined();
    expect(run({})).toBeUndefined();
    expect(run({ 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' })).toBeUndefined();
  });

  it.each([
    ['a form', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '5' }],
    ['text, chunked', { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' }],
    ['a body without a Content-Type', { 'content-length': '12' }],
  ])('refuses %s with 415 UNSUPPORTED_MEDIA_TYPE', (_, headers) => {
    const e = run(headers);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});

describe('the JSON body parser', () => {
  const verify =
    (bytes: Buffer, encoding: string | null = 'utf-8') =>
    () =>
      jsonBodyParserOptions.verify({} as never, {}, bytes, encoding);

  it('takes UTF-8 and refuses bytes that are not UTF-8, rather than decode them into replacement characters', () => {
    expect(verify(Buffer.from('{"name":"ОсОО 😀"}'))).not.toThrow();
    expect(verify(Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]))).toThrow(
      expect.objectContaining({ status: 400 }),
    );
    expect(verify(Buffer.from([0x7b, 0xff, 0x7d]))).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('parseQuery', () => {
  it('decodes as Express does, and keeps a malformed percent-encoding as sent instead of a replacement character', () => {
    expect({ ...parseQuery('limit=5&kind=DEBIT,REFUND&q=a+b%20c&kind2=x&kind2=y') }).toEqual({
      limit: '5',
      kind: 'DEBIT,REFUND',
      q: 'a b c',
      kind2: ['x', 'y'],
    });
    expect({ ...parseQuery('before=%ED%A0%80&name=%FF') }).toEqual({ before: '%ED%A0%80', name: '%FF' });
    expect({ ...parseQuery('nul=a%00b') }).toEqual({ nul: 'a\u0000b' });
  });
});
