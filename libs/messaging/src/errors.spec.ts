import { describe, expect, it } from '@jest/globals';
import { isDependencyUnavailable, PermanentMessageError } from './errors.js';

describe('isDependencyUnavailable: an outage, not a bad message', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['the server shutting down (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['the server starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a connection exception (class 08)', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a TypeORM error wrapping one', Object.assign(new Error('query failed'), { driverError: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })],
  ])('%s', (_, error) => expect(isDependencyUnavailable(error)).toBe(true));

  it.each([
    ['a constraint violation', Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })],
    ['a serialization failure (retried with backoff, not held)', Object.assign(new Error('could not serialize access'), { code: '40001' })],
    ['a permanent error', new PermanentMessageError('UNKNOWN_PAYMENT', 'no payment')],
    ['anything else', new Error('wallet changed under its lock')],
  ])('not %s', (_, error) => expect(isDependencyUnavailable(error)).toBe(false));
});
