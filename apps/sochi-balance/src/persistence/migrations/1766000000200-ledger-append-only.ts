import { AppendOnlyTableMigration } from '#platform';

/** The СОЧИ ledger is append-only for the runtime role: a correction is a new line, never an edit. */
export class LedgerAppendOnly1766000000200 extends AppendOnlyTableMigration {
  readonly name = 'LedgerAppendOnly1766000000200';
  protected readonly table = 'sochi_ledger';
}
