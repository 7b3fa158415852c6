/**
 * A message that can never be processed, however often it is retried: the consumer parks it with this
 * code and reason and acknowledges it. How every other error is treated: `failureClass` below.
 */
export class PermanentMessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentMessageError';
  }
}

/**
 * The parking code of a message whose data can never be taken: a body that is not JSON, or data the database refused
 * (see `rejectedDataCode`).
 */
export const DATA_REJECTED = 'DATA_REJECTED';

/**
 * What the consumer does with a failed message, by what the error is:
 * - `data-rejected`: the message itself is bad (08P01, class 22); parked at once as DATA_REJECTED;
 * - `unavailable`: the database is away (a lost or refused connection, a server restarting); held and retried in
 *   place, spending none of the message's attempts;
 * - `contention`: the database gave up on this attempt and the next one may pass (40001 serialization failure,
 *   40P01 deadlock, 55P03 lock timeout, 57014 statement timeout); retried with backoff;
 * - `unexpected`: anything else (a bug, a constraint a concurrent delivery won); a few retries with backoff, then
 *   parked as RETRIES_EXHAUSTED, so a surprise never loops forever.
 */
export type FailureClass = 'data-rejected' | 'unavailable' | 'contention' | 'unexpected';

/** Serialization failure, deadlock, lock timeout, statement timeout: the database's "try again". */
const CONTENTION_CODES = new Set(['40001', '40P01', '55P03', '57014']);

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const UNAVAILABLE_MESSAGE =
  /connection terminated|terminating connection|connection error and is not queryable|timeout exceeded when trying to connect|connection ended unexpectedly|database system is (starting up|shutting down|in recovery)|too many clients/i;
/**
 * 08P01 is in the connection class but is no outage: PostgreSQL read a malformed message, as when a NUL byte ends
 * the text of a query early. The same message fails the same way every time.
 */
const PROTOCOL_VIOLATION = '08P01';

type ErrorChain = { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined;

/** The error and what it wraps (TypeORM's driverError, a cause), a few levels deep. */
function* chain(e: unknown): Generator<NonNullable<ErrorChain>> {
  for (let err = e as ErrorChain, depth = 0; err && depth < 4; depth++) {
    yield err;
    err = (err.driverError ?? err.cause) as ErrorChain;
  }
}

const codeOf = (err: NonNullable<ErrorChain>) => (typeof err.code === 'string' ? err.code : '');

/**
 * True when an error says the database (or another dependency) is unreachable rather than that this message is bad:
 * a refused or dropped connection, a server shutting down or starting up (SQLSTATE class 08 but 08P01, 57P0x). The
 * consumer then waits for it to come back instead of spending the message's attempts, so an outage parks nothing.
 */
export function isDependencyUnavailable(e: unknown): boolean {
  if (isDataRejected(e)) return false;
  for (const err of chain(e)) {
    const code = codeOf(err);
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('08')) return true;
    if (typeof err.message === 'string' && UNAVAILABLE_MESSAGE.test(err.message)) return true;
  }
  return false;
}

/**
 * The SQLSTATE when PostgreSQL refused the message's own data: a data exception (class 22: a NUL byte 22021, an
 * untranslatable character 22P05, a number out of range, …) or a protocol violation (08P01, a NUL byte inside a
 * query's text); null for any other error. Retrying cannot help, so the consumer parks the message at once.
 */
export function rejectedDataCode(e: unknown): string | null {
  for (const err of chain(e)) {
    const code = codeOf(err);
    if (code === PROTOCOL_VIOLATION || /^22[0-9A-Z]{3}$/.test(code)) return code;
  }
  return null;
}

export function isDataRejected(e: unknown): boolean {
  return rejectedDataCode(e) !== null;
}

/** True for the database's own "try again": a serialization failure, a deadlock, a lock or statement timeout. */
export function isContention(e: unknown): boolean {
  for (const err of chain(e)) if (CONTENTION_CODES.has(codeOf(err))) return true;
  return false;
}

/** How the consumer treats a handler's failure (see `FailureClass`); a PermanentMessageError is parked before this. */
export function failureClass(e: unknown): FailureClass {
  if (isDataRejected(e)) return 'data-rejected';
  if (isDependencyUnavailable(e)) return 'unavailable';
  if (isContention(e)) return 'contention';
  return 'unexpected';
}
