import type { InvoiceStatus } from '../domain/invoice.js';

/**
 * SQL that keeps invoices (alias `alias`) whose status now is one of `statuses`: an unpaid invoice past its expiry is
 * EXPIRED even before the expiry job records it, as currentStatus says. `now` binds the instant and gives its placeholder,
 * called only when a status needs it (PostgreSQL refuses a bound parameter no statement uses).
 */
export function invoiceStatusNowIn(alias: string, statuses: readonly InvoiceStatus[], now: () => string): string {
  let placeholder: string | undefined;
  const at = () => (placeholder ??= now());
  return `(${statuses
    .map((s) => {
      if (s === 'ISSUED') return `(${alias}.status = 'ISSUED' AND ${alias}.expires_at > ${at()})`;
      if (s === 'EXPIRED')
        return `(${alias}.status = 'EXPIRED' OR (${alias}.status = 'ISSUED' AND ${alias}.expires_at <= ${at()}))`;
      return `${alias}.status = '${s}'`;
    })
    .join(' OR ')})`;
}
