import { z } from 'zod';

const DAY_S = 86_400;

/**
 * How long each bookkeeping table keeps its rows, and how the job that forgets them runs; the argument for each
 * window is in docs/messaging.md#retention. Seconds, so that the soak can shorten them to a few.
 */
export const retentionConfigShape = {
  /** Runs the retention job on this instance (every instance may run it at once). */
  RETENTION_ENABLED: z.stringbool().default(true),
  /** Between two runs of the job; each run starts with a random delay of up to a tenth of this, so instances spread. */
  RETENTION_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(300_000),
  /** Rows one DELETE takes: short transactions, locks held for milliseconds. */
  RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(50_000).default(1000),
  /** DELETEs per table per run at most, so that one run never takes long; the next run goes on. */
  RETENTION_MAX_BATCHES: z.coerce.number().int().min(1).max(10_000).default(200),
  /** A published outbox row is kept this long after it was published (for looking into an incident), then deleted. */
  OUTBOX_RETENTION_S: z.coerce
    .number()
    .int()
    .min(1)
    .default(3 * DAY_S),
  /** The inbox de-duplication window: a processed message id is kept at least this long (docs/messaging.md). */
  INBOX_RETENTION_S: z.coerce
    .number()
    .int()
    .min(1)
    .default(14 * DAY_S),
  /**
   * While a parked message is open, the inbox keeps every id processed since this long before it was parked: a copy
   * of it that was applied after all is then still recognised when staff republish it, however late.
   */
  INBOX_PARKED_MARGIN_S: z.coerce.number().int().min(0).default(DAY_S),
  /** A republished or discarded parked message is kept this long after it was resolved (the audit trail keeps who and why). */
  PARKED_RETENTION_S: z.coerce
    .number()
    .int()
    .min(1)
    .default(400 * DAY_S),
};
