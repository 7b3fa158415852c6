import { AppendOnlyTableMigration } from '../append-only.js';

/** The runtime role may only read and add audit rows (its trigger already refuses changes, whoever connects). */
export class AuditTrailAppendOnly1766000000000 extends AppendOnlyTableMigration {
  readonly name = 'AuditTrailAppendOnly1766000000000';
  protected readonly table = 'audit_trail';
}
