import { describe, expect, it } from '@jest/globals';
import type { ArgumentsHost } from '@nestjs/common';
import { ProblemDetailsFilter } from './problem-details.filter.js';

/** What the filter answers for an error thrown by a request's handler. */
function answer(error: unknown) {
  const sent: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } = { headers: {} };
  const res = {
    status(s: number) {
      sent.status = s;
      return res;
    },
    type() {
      return res;
    },
    setHeader(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
    },
    send(text: string) {
      sent.body = JSON.parse(text);
    },
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ originalUrl: '/v1/payments' }) }),
  };
  new ProblemDetailsFilter().catch(error, host as unknown as ArgumentsHost);
  return sent;
}

const pg = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('ProblemDetailsFilter: a database that cannot serve the request now', () => {
  it.each([
    [
      'out of connections (53300)',
      pg('53300', 'remaining connection slots are reserved for non-replication superuser connections'),
    ],
    ['a lock timeout (55P03)', pg('55P03', 'canceling statement due to lock timeout')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
  ])('%s is a 503 DEPENDENCY_UNAVAILABLE to retry, not a 500', (_, error) => {
    const sent = answer(error);
    expect(sent.status).toBe(503);
    expect(sent.body).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' });
    expect(sent.headers['retry-after']).toBe('1');
  });

  it('keeps a bug a 500 INTERNAL_ERROR', () => {
    expect(answer(new TypeError("Cannot read properties of undefined (reading 'id')")).body).toMatchObject({
      status: 500,
      code: 'INTERNAL_ERROR',
    });
  });
});
