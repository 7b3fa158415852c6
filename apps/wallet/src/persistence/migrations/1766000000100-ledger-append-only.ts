import { AppendOnlyTableMigration } from '#platform';

/** The wallet's ledger is append-only for the runtime role: a correction is a new line, never an edit. */
export class LedgerAppendOnly1766000000100 extends AppendOnlyTableMigration {
  readonly name = 'LedgerAppendOnly1766000000100';
  protected readonly table = 'wallet_ledger';
}
