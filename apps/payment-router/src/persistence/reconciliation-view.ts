import { z } from 'zod';
import { formatSom, isCalendarDate } from '#money';
import { coded, phoneText, somText, timestampText } from '#platform';
import { DIFFERENCE_KINDS, FINAL_STATUSES, type RegisterEntry } from '../domain/reconciliation.js';
import type { StoredDifference, StoredLine, StoredReconciliation } from './reconciliation-rows.js';

/** A Bishkek calendar day in a reconciliation path: YYYY-MM-DD. */
export const reconciliationDayParam = z
  .string()
  .refine(...coded<string>('INVALID_DATE', 'a Bishkek calendar day, YYYY-MM-DD', isCalendarDate));

const sideTotals = z.object({ count: z.number().int().min(0), amount: somText });
const counts = z.object({
  matched: z.number().int().min(0),
  missingOnOurSide: z.number().int().min(0).meta({ description: "In MegaPay's register, not final in ours that day" }),
  missingOnTheirs: z.number().int().min(0).meta({ description: "Final in ours that day, not in MegaPay's register" }),
  amountDiffers: z.number().int().min(0),
  statusDiffers: z.number().int().min(0),
  detailsDiffer: z.number().int().min(0).meta({ description: 'Phone, service or account differ' }),
});
const line = z.object({
  phone: phoneText,
  service: z.enum(['SOCHI', 'ECP']),
  account: z.string(),
  amount: somText,
  status: z.enum(FINAL_STATUSES),
  at: timestampText.meta({ description: 'Ours: when the payment became final; theirs: paid_at' }),
});
const resolution = z.object({
  note: z.string(),
  by: z.string().meta({ example: 'staff:7f1c0c1e' }),
  at: timestampText,
});

/** One way the registers disagree on one idempotency key, and staff's note once it is explained. */
export const differenceSchema = z.object({
  id: z.string().meta({ description: 'Resolve it at …/differences/{id}/resolution', example: '17' }),
  kind: z.enum(DIFFERENCE_KINDS),
  idempotencyKey: z.string(),
  paymentId: z.uuid().nullable(),
  ours: line.nullable(),
  theirs: line.nullable(),
  resolution: resolution.nullable(),
});

/** A day's saved comparison of our register with MegaPay's. */
export const reconciliationSchema = z.object({
  date: z.string().meta({ example: '2026-11-26' }),
  comparedAt: timestampText,
  comparedBy: z.string().meta({ example: 'staff:7f1c0c1e' }),
  totals: z.object({
    perService: z.array(z.object({ service: z.enum(['SOCHI', 'ECP']), ours: sideTotals, theirs: sideTotals })),
    perStatus: z.array(z.object({ status: z.enum(FINAL_STATUSES), ours: sideTotals, theirs: sideTotals })),
  }),
  counts,
  differences: z.array(differenceSchema),
  unresolved: z
    .number()
    .int()
    .min(0)
    .meta({ description: 'Differences without a resolution note; the day is flagged while above 0' }),
  flagged: z.boolean(),
});
export type ReconciliationAnswer = z.output<typeof reconciliationSchema>;

/** The reconciled days. */
export const reconciliationListSchema = z.array(
  z.object({
    date: z.string(),
    comparedAt: timestampText,
    counts,
    unresolved: z.number().int().min(0),
    flagged: z.boolean(),
  }),
);
export type ReconciliationList = z.output<typeof reconciliationListSchema>;

/** A register line as stored: amount in tyiyn digits. */
export function storedLine(e: RegisterEntry): StoredLine {
  return {
    phone: e.phone,
    service: e.service,
    account: e.account,
    amount: e.amount.toString(),
    status: e.status,
    at: e.at.toISOString(),
  };
}

/** A saved reconciliation as the API answers it. */
export function reconciliationView(r: StoredReconciliation, differences: StoredDifference[]): ReconciliationAnswer {
  const unresolved = differences.filter((d) => d.resolution === null).length;
  return {
    date: r.day,
    comparedAt: r.comparedAt.toISOString(),
    comparedBy: r.comparedBy,
    totals: {
      perService: r.totals.perService.map((t) => ({
        service: t.service as 'SOCHI' | 'ECP',
        ours: sideView(t.ours),
        theirs: sideView(t.theirs),
      })),
      perStatus: r.totals.perStatus.map((t) => ({
        status: t.status as RegisterEntry['status'],
        ours: sideView(t.ours),
        theirs: sideView(t.theirs),
      })),
    },
    counts: r.counts,
    differences: differences.map(differenceView),
    unresolved,
    flagged: unresolved > 0,
  };
}

export function differenceView(d: StoredDifference): ReconciliationAnswer['differences'][number] {
  return {
    id: d.id,
    kind: d.kind,
    idempotencyKey: d.idempotencyKey,
    paymentId: d.paymentId,
    ours: d.ours && lineView(d.ours),
    theirs: d.theirs && lineView(d.theirs),
    resolution: d.resolution && { note: d.resolution.note, by: d.resolution.by, at: d.resolution.at.toISOString() },
  };
}

const sideView = (s: { count: number; amount: string }) => ({ count: s.count, amount: formatSom(BigInt(s.amount)) });
const lineView = (l: StoredLine) => ({
  phone: l.phone,
  service: l.service as 'SOCHI' | 'ECP',
  account: l.account,
  amount: formatSom(BigInt(l.amount)),
  status: l.status as RegisterEntry['status'],
  at: l.at,
});
