/**
 * A message that can never be processed, however often it is retried: the consumer parks it with this
 * code and reason and acknowledges it. Any other error is treated as transient and retried with backoff.
 */
export class PermanentMessageError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'PermanentMessageError';
  }
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_MESSAGE =
  /connection terminated|terminating connection|connection error and is not queryable|timeout exceeded when trying to connect|connection ended unexpectedly|database system is (starting up|shutting down|in recovery)|too many clients/i;

/**
 * True when an error says the database (or another dependency) is unreachable rather than that this message is bad:
 * a refused or dropped connection, a server shutting down or starting up (SQLSTATE class 08, 57P0x). The consumer then
 * waits for it to come back instead of spending the message's attempts, so an outage parks nothing.
 */
export function isDependencyUnavailable(e: unknown): boolean {
  for (let err = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined, depth = 0; err && depth < 4; depth++) {
    const code = typeof err.code === 'string' ? err.code : '';
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('08')) return true;
    if (typeof err.message === 'string' && UNAVAILABLE_MESSAGE.test(err.message)) return true;
    err = (err.driverError ?? err.cause) as typeof err;
  }
  return false;
}
