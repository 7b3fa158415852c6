import { isCalendarDate } from '#money';
import { z } from 'zod';
import { coded } from '#platform';
import { PAYABLE_SERVICES } from '../domain/favorite.js';
import { LEDGER_KINDS } from '../domain/ledger.js';

const day = z.string().refine(...coded<string>('INVALID_DATE', 'a Bishkek calendar day, YYYY-MM-DD', isCalendarDate));

/**
 * A page of the history, newest first: at most `limit` entries older than the entry `before`, optionally only those
 * of Bishkek days `from`..`to` (inclusive), of one service, of some kinds (`kind=DEBIT,REFUND`), and of one payment
 * (`paymentId`: its debit and any refund).
 */
export const listOperationsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z
      .string()
      .regex(/^[1-9][0-9]{0,17}$/, 'an operation id from nextBefore')
      .optional(),
    from: day.optional(),
    to: day.optional(),
    service: z.enum(PAYABLE_SERVICES).optional(),
    kind: z
      .string()
      .transform((v) => v.split(','))
      .pipe(z.array(z.enum(LEDGER_KINDS)).min(1))
      .optional(),
    paymentId: z.uuid().optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: 'to is before from',
    params: { code: 'INVALID_PERIOD' },
  });
export type ListOperationsQuery = z.infer<typeof listOperationsQuery>;
