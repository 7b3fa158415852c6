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
