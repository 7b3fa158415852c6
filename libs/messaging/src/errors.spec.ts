import { describe, expect, it } from '@jest/globals';
import {
  failureClass,
  isDataRejected,
  isDependencyUnavailable,
  PermanentMessageError,
  rejectedDataCode,
} from './errors.js';

const pg = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const typeorm = (driverError: Error) =>
  Object.assign(new Error(`query failed: ${driverError.message}`), { driverError });

describe('isDependencyUnavailable: an outage, not a bad message', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    [
      'the server shutting down (57P01)',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ],
    [
      'the server starting up (57P03)',
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    ],
    ['a connection exception (class 08)', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    [
      'a TypeORM error wrapping one',
      Object.assign(new Error('query failed'), { driverError: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }),
    ],
  ])('%s', (_, error) => expect(isDependencyUnavailable(error)).toBe(true));

  it.each([
    [
      'a constraint violation',
      Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
    ],
    [
      'a serialization failure (retried with backoff, not held)',
      Object.assign(new Error('could not serialize access'), { code: '40001' }),
    ],
    ['a permanent error', new PermanentMessageError('UNKNOWN_PAYMENT', 'no payment')],
    ['anything else', new Error('wallet changed under its lock')],
    ['a protocol violation (08P01), though in the connection class', pg('08P01', 'invalid message format')],
    ['a TypeORM error wrapping a protocol violation', typeorm(pg('08P01', 'invalid message format'))],
    ['a NUL byte in a parameter (22021)', pg('22021', 'invalid byte sequence for encoding "UTF8": 0x00')],
  ])('not %s', (_, error) => expect(isDependencyUnavailable(error)).toBe(false));
});

describe("rejectedDataCode: the message's own data refused, which no retry can change", () => {
  it.each([
    ['a NUL byte in a parameter', pg('22021', 'invalid byte sequence for encoding "UTF8": 0x00'), '22021'],
    ["a NUL byte in a query's text", pg('08P01', 'invalid message format'), '08P01'],
    ['an untranslatable character', pg('22P05', 'unsupported Unicode escape sequence'), '22P05'],
    ['a number out of range', pg('22003', 'value out of range for type bigint'), '22003'],
    ['text that is no number', pg('22P02', 'invalid input syntax for type bigint'), '22P02'],
    ['one wrapped by TypeORM', typeorm(pg('22021')), '22021'],
  ])('%s', (_, error, code) => {
    expect(rejectedDataCode(error)).toBe(code);
    expect(isDataRejected(error)).toBe(true);
  });

  it.each([
    ['a lost connection (retried in place)', pg('08006')],
    ['a refused connection', pg('ECONNREFUSED')],
    ['a serialization failure (retried with backoff)', pg('40001')],
    ['a deadlock (retried with backoff)', pg('40P01')],
    ['a constraint violation', pg('23505')],
    ['an error with no code', new Error('wallet changed under its lock')],
    ['a Node error code that merely starts with 22', pg('22')],
  ])('not %s', (_, error) => expect(rejectedDataCode(error)).toBeNull());
});

describe('failureClass: what the consumer does with a failure', () => {
  it.each([
    ['a protocol violation (08P01)', pg('08P01', 'invalid message format'), 'data-rejected'],
    ['a NUL byte (22021)', typeorm(pg('22021', 'invalid byte sequence for encoding "UTF8": 0x00')), 'data-rejected'],
    ['an untranslatable character (22P05)', pg('22P05'), 'data-rejected'],
    ['any other data exception (22007 bad datetime)', pg('22007'), 'data-rejected'],
    ['a lost connection', new Error('Connection terminated unexpectedly'), 'unavailable'],
    ['a refused connection', pg('ECONNREFUSED'), 'unavailable'],
    ['a connection failure (08006)', pg('08006'), 'unavailable'],
    ['a serialization failure (40001)', pg('40001'), 'contention'],
    ['a deadlock (40P01)', typeorm(pg('40P01')), 'contention'],
    ['a lock timeout (55P03)', pg('55P03', 'canceling statement due to lock timeout'), 'contention'],
    ['a statement timeout (57014)', pg('57014', 'canceling statement due to statement timeout'), 'contention'],
    ['a constraint violation', pg('23505'), 'unexpected'],
    ['an error with no code', new Error('wallet changed under its lock'), 'unexpected'],
  ])('%s: %s', (_, error, kind) => expect(failureClass(error)).toBe(kind));
});
