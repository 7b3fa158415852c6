import { z } from 'zod';
import { PHONE_PATTERN } from '../domain/phone.js';
import { MAX_DAY_OF_MONTH, parseTimeOfDay, WEEKDAYS, type Schedule } from '../domain/schedule.js';
import { somAmount, somAmountOrIssue } from '../favorites/som-amount.js';

const time = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'HH:MM on the 24-hour clock, Asia/Bishkek time')
  .meta({ description: 'Asia/Bishkek (UTC+6) wall-clock time', example: '09:00' });

export const scheduleRequest = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('MONTHLY'),
      dayOfMonth: z
        .number()
        .int()
        .min(1, `a day 1–${MAX_DAY_OF_MONTH}`)
        .max(
          MAX_DAY_OF_MONTH,
          `a day 1–${MAX_DAY_OF_MONTH}: days 29–31 are missing from some months; choose 28 for the end of the month`,
        ),
      time,
    })
    .strict(),
  z.object({ kind: z.literal('WEEKLY'), weekday: z.enum(WEEKDAYS), time }).strict(),
]);

/** The request's schedule in the domain's terms. */
export function toSchedule(s: z.infer<typeof scheduleRequest>): Schedule {
  const minuteOfDay = parseTimeOfDay(s.time)!;
  return s.kind === 'MONTHLY'
    ? { kind: 'MONTHLY', dayOfMonth: s.dayOfMonth, minuteOfDay }
    : { kind: 'WEEKLY', weekday: s.weekday, minuteOfDay };
}

/**
 * AUTOPAYMENT: pay a favorite on a schedule. `amount` overrides the favorite's (required for СОЧИ if the favorite has
 * none; for ЭЦП none means the invoice's amount due at each run). `startAt` makes the first run happen then — it may be
 * now — as the run of the period it falls in; later runs follow the schedule.
 */
export const createAutopaymentRequest = z
  .object({
    favoriteId: z.uuid(),
    schedule: scheduleRequest,
    amount: z.string().max(32).optional().meta({ description: 'Som, a decimal string', example: '500.00' }),
    startAt: z.iso.datetime({ offset: true }).optional().meta({ description: 'The first run, ISO 8601; may be now' }),
  })
  .strict()
  .superRefine((v, ctx) => void somAmountOrIssue(v.amount, ctx, ['amount']))
  .meta({
    example: {
      favoriteId: '3f2b8c1e-6a4d-4f7e-9b2a-5c8d1e0f7a64',
      schedule: { kind: 'MONTHLY', dayOfMonth: 5, time: '09:00' },
      amount: '150.00',
    },
  })
  .transform((v) => ({
    favoriteId: v.favoriteId,
    schedule: toSchedule(v.schedule),
    amount: v.amount === undefined ? null : somAmount(v.amount),
    startAt: v.startAt === undefined ? null : new Date(v.startAt),
  }));
export type CreateAutopaymentRequest = z.output<typeof createAutopaymentRequest>;

export const autopaymentParams = z.object({
  phone: z.string().regex(PHONE_PATTERN, 'a phone is 996 and nine digits'),
  id: z.uuid().meta({ description: 'The autopayment id' }),
});
export type AutopaymentParams = z.infer<typeof autopaymentParams>;
