import { formatSom } from '#money';
import { spreadsheetSafeCsv } from '#platform';
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

/** Our register as RFC 4180 CSV with CRLF line ends: a header, then one line per payment, amounts in som with two decimals,
 * every cell defused: the first column is the partner's own Idempotency-Key. */
export function ourRegisterCsv(entries: readonly OurEntry[]): string {
  return spreadsheetSafeCsv([
    [...OUR_REGISTER_COLUMNS],
    ...entries.map((e) => [
      e.idempotencyKey,
      e.paymentId,
      e.phone,
      e.service,
      e.account,
      formatSom(e.amount),
      e.status,
      e.at.toISOString(),
    ]),
  ]);
}
