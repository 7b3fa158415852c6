/**
 * One table's retention: which of its rows may go once older than a cutoff. The cutoff is read on the clock that
 * stamped the rows — PostgreSQL's now() for bookkeeping columns (outbox, inbox), the service's Clock for what the
 * service dated itself (a resolved parked message, a notification) — so a shifted or test-set service clock never
 * ages the database's stamps.
 */
export interface RetentionRule {
  table: string;
  stampedBy: 'database' | 'service';
  /** How long a row is kept, in seconds. */
  keepS: number;
  /**
   * A query of the ctids of at most $2 rows older than $1 (timestamptz), oldest first, taken `FOR UPDATE SKIP LOCKED`
   * so that instances running the job at once each take other rows and never wait for one another.
   */
  victims: string;
  /**
   * A query of one row, `until`: a timestamptz before which rows may still be needed (null: nothing holds them).
   * The cutoff never passes it.
   */
  heldBackBy?: string;
}

/** The moment before which a rule's rows may go: `keepS` before now, and never past what holds them back. */
export function cutoffOf(now: Date, keepS: number, heldBackTo?: Date | null): Date {
  const byAge = new Date(now.getTime() - keepS * 1000);
  return heldBackTo && heldBackTo < byAge ? heldBackTo : byAge;
}
