/**
 * Bookkeeping writes that need no commit of their own — "published" marks of outbox rows, "delivered" marks of partner
 * callbacks: idempotent, and harmless to lose (the row is then sent again and its receiver deduplicates). Instead of a
 * transaction each, they ride with the COMMIT of the next transaction this process runs on the same database, in the
 * same round trip; when none comes within `maxWaitMs`, or the one that took them rolls back, their owner writes them
 * itself. At load the marks cost no round trip and no commit; when idle they cost what they did before.
 */
export class CommitRiders {
  private waiting: Rider[] = [];
  private readonly taken = new WeakMap<object, Rider[]>();

  /**
   * Hands a statement to the next transaction that commits with this outbox; resolves true once one committed it,
   * false when it was not carried (nobody came within `maxWaitMs`, or the carrier rolled back): then the caller writes
   * it. The statement must be plain SQL with its values inlined (it travels in the simple protocol).
   */
  ride(statement: string, maxWaitMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const rider: Rider = { statement, settle: resolve };
      rider.timer = setTimeout(() => {
        const i = this.waiting.indexOf(rider);
        if (i >= 0) {
          this.waiting.splice(i, 1);
          resolve(false);
        }
      }, maxWaitMs);
      this.waiting.push(rider);
    });
  }

  /** The statements waiting, taken by the transaction of `carrier` (its query runner) to send with its COMMIT. */
  takeFor(carrier: object): string[] {
    if (this.waiting.length === 0) return [];
    const riders = this.waiting;
    this.waiting = [];
    for (const r of riders) clearTimeout(r.timer);
    this.taken.set(carrier, [...(this.taken.get(carrier) ?? []), ...riders]);
    return riders.map((r) => r.statement);
  }

  /** The carrier's transaction ended: its riders were written (committed) or not (rolled back: their owners write them). */
  settle(carrier: object, committed: boolean): void {
    const riders = this.taken.get(carrier);
    if (!riders) return;
    this.taken.delete(carrier);
    for (const r of riders) r.settle(committed);
  }
}

interface Rider {
  statement: string;
  settle(committed: boolean): void;
  timer?: NodeJS.Timeout;
}
