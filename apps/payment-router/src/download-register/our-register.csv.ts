import { stringify } from 'csv-stringify/sync';
import { formatSom } from '#money';
import type { OurEntry } from '../domain/reconciliation.js';

/** Our register's columns, in this order (docs/reconciliation.md). */
export const OUR_REGISTER_COLUMNS = [
  'idempotency_key',
  'payment_id',
  'phone',
  'service',
  'account',
  'amount',
  'status',
  'final_at',
] as const;

/** Our register as RFC 4180 CSV with CRLF line ends: a header, then one line per payment, amounts in som with two decimals. */
export function ourRegisterCsv(entries: readonly OurEntry[]): string {
  return stringify(
    entries.map((e) => [
      e.idempotencyKey,
      e.paymentId,
      e.phone,
      e.service,
      e.account,
      formatSom(e.amount),
      e.status,
      e.at.toISOString(),
    ]),
    { header: true, columns: [...OUR_REGISTER_COLUMNS], record_delimiter: 'windows' },
  );
}
