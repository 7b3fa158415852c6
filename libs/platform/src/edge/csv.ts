import { stringify } from 'csv-stringify/sync';

/** A plain decimal number, possibly negative: a spreadsheet reads it as a number, never as a formula. */
const PLAIN_NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;
/** What makes a spreadsheet run a cell as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The cell as a spreadsheet will show it, never run it: one that starts like a formula gets a leading `'`. A negative
 * amount such as `-150.00` stays as it is: it cannot be a formula, and staff sum the money columns.
 */
export function defusedCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * Rows as RFC 4180 CSV with CRLF line ends, every cell defused (and a defused cell quoted): the one way the services
 * write CSV, since a partner's or an organization's text can reach any cell.
 */
export function spreadsheetSafeCsv(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((r) => r.map(defusedCell)),
    { record_delimiter: 'windows', quoted_match: /^'/ },
  );
}
