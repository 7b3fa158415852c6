import { parse } from 'csv-parse/sync';
import { parseSom } from '#money';
import { accountError, type PayableServiceCode } from '../domain/payable-service.js';
import { FINAL_STATUSES, type FinalStatus, type RegisterEntry } from '../domain/reconciliation.js';

/** MegaPay's register columns, in this order, named in the first line (docs/reconciliation.md). */
export const MEGAPAY_REGISTER_COLUMNS = [
  'idempotency_key',
  'phone',
  'service',
  'account',
  'amount',
  'status',
  'paid_at',
] as const;

export type RegisterReading = { ok: true; entries: RegisterEntry[] } | { ok: false; line: number; problem: string };

const AMOUNT = /^(0|[1-9][0-9]*)\.[0-9]{2}$/;
const PHONE = /^996[0-9]{9}$/;
const INSTANT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$/;

/**
 * Reads MegaPay's register (RFC 4180 CSV, UTF-8, comma-separated, a header line first). The first line it cannot
 * take is named by its number, so MegaPay's staff can fix that line; nothing of a register that fails is kept.
 */
export function readMegapayRegister(text: string): RegisterReading {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    const e = err as Error & { lines?: number };
    return { ok: false, line: e.lines ?? 1, problem: `not CSV: ${e.message}` };
  }
  const [header, ...lines] = records;
  if (!header)
    return {
      ok: false,
      line: 1,
      problem: `empty: the first line names the columns ${MEGAPAY_REGISTER_COLUMNS.join(',')}`,
    };
  if (header.record.map((c) => c.toLowerCase()).join(',') !== MEGAPAY_REGISTER_COLUMNS.join(',')) {
    return {
      ok: false,
      line: header.info.lines,
      problem: `the columns are ${MEGAPAY_REGISTER_COLUMNS.join(',')}, in this order; found ${header.record.join(',')}`,
    };
  }
  const entries: RegisterEntry[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of lines) {
    const read = readLine(record);
    if (typeof read === 'string') return { ok: false, line: info.lines, problem: read };
    const earlier = seen.get(read.idempotencyKey);
    if (earlier !== undefined)
      return {
        ok: false,
        line: info.lines,
        problem: `idempotency_key ${read.idempotencyKey} is on line ${earlier} already`,
      };
    seen.set(read.idempotencyKey, info.lines);
    entries.push(read);
  }
  return { ok: true, entries };
}

/** One register line, or what is wrong with it. */
function readLine(record: string[]): RegisterEntry | string {
  if (record.length !== MEGAPAY_REGISTER_COLUMNS.length)
    return `${record.length} columns, expected ${MEGAPAY_REGISTER_COLUMNS.length}`;
  const [idempotencyKey, phone, service, account, amount, status, paidAt] = record;
  if (idempotencyKey.length === 0 || idempotencyKey.length > 200)
    return 'idempotency_key is empty or longer than 200 characters';
  if (!PHONE.test(phone)) return `phone ${phone} is not 996 and 9 digits`;
  if (service !== 'SOCHI' && service !== 'ECP') return `service ${service} is not SOCHI or ECP`;
  if (accountError(service, account))
    return `account ${account} is not ${service === 'SOCHI' ? 'a 14-digit INN' : 'a 16-digit invoice number'}`;
  const som = AMOUNT.test(amount) ? parseSom(amount) : undefined;
  if (!som?.ok) return `amount ${amount} is not som with two decimals, more than 0 (e.g. 150.00)`;
  if (!(FINAL_STATUSES as readonly string[]).includes(status))
    return `status ${status} is not one of ${FINAL_STATUSES.join(', ')}`;
  const at = new Date(paidAt);
  if (!INSTANT.test(paidAt) || Number.isNaN(at.getTime()))
    return `paid_at ${paidAt} is not an ISO 8601 instant with its offset (e.g. 2026-11-26T09:30:00+06:00)`;
  return {
    idempotencyKey,
    phone,
    service: service as PayableServiceCode,
    account,
    amount: som.value,
    status: status as FinalStatus,
    at,
  };
}
