import { z } from 'zod';
import { accountProblem, FAVORITE_NAME_MAX, PAYABLE_SERVICES } from '../domain/favorite.js';
import { PHONE_PATTERN } from '../domain/phone.js';
import { somAmount, somAmountOrIssue } from './som-amount.js';

const name = z
  .string()
  .trim()
  .min(1)
  .max(FAVORITE_NAME_MAX)
  .meta({ description: 'The name the subscriber gives the template', example: 'Налоги ОсОО' });

/**
 * A favorite from a request body (service, account, optional amount) or from a past payment of this wallet
 * (`fromPaymentId`: the wallet copies that debit's service, account and amount).
 */
export const saveFavoriteRequest = z
  .object({
    name,
    fromPaymentId: z.uuid().optional(),
    service: z.enum(PAYABLE_SERVICES).optional(),
    account: z.string().max(64).optional(),
    amount: z.string().max(32).optional().meta({ description: 'Som, a decimal string', example: '150.00' }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.fromPaymentId !== undefined) {
      if (v.service !== undefined || v.account !== undefined || v.amount !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['fromPaymentId'],
          message: 'either fromPaymentId or service, account and amount',
          params: { code: 'INVALID_FROM_PAYMENT_ID' },
        });
      }
      return;
    }
    if (v.service === undefined)
      ctx.addIssue({ code: 'custom', path: ['service'], message: 'SOCHI or ECP', params: { code: 'INVALID_SERVICE' } });
    if (v.account === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['account'],
        message: 'the account to pay',
        params: { code: 'INVALID_ACCOUNT' },
      });
    else if (v.service !== undefined) {
      const problem = accountProblem(v.service, v.account);
      if (problem)
        ctx.addIssue({ code: 'custom', path: ['account'], message: problem.message, params: { code: problem.code } });
    }
    somAmountOrIssue(v.amount, ctx, ['amount']);
  })
  .meta({ example: { name: 'Налоги ОсОО', service: 'SOCHI', account: '01234567890123', amount: '150.00' } })
  .transform((v) =>
    v.fromPaymentId !== undefined
      ? { kind: 'from-payment' as const, name: v.name, paymentId: v.fromPaymentId }
      : {
          kind: 'manual' as const,
          name: v.name,
          service: v.service!,
          account: v.account!,
          amount: v.amount === undefined ? null : somAmount(v.amount),
        },
  );
export type SaveFavoriteRequest = z.output<typeof saveFavoriteRequest>;

/** Rename a favorite and/or change (or, with null, clear) its amount. */
export const updateFavoriteRequest = z
  .object({ name: name.optional(), amount: z.string().max(32).nullable().optional() })
  .strict()
  .superRefine((v, ctx) => {
    if (v.name === undefined && v.amount === undefined)
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'nothing to change', params: { code: 'INVALID_NAME' } });
    somAmountOrIssue(v.amount ?? undefined, ctx, ['amount']);
  })
  .meta({ example: { name: 'Налоги ОсОО', amount: '200.00' } })
  .transform((v) => ({
    name: v.name,
    amount: v.amount === undefined ? undefined : v.amount === null ? null : somAmount(v.amount),
  }));
export type UpdateFavoriteRequest = z.output<typeof updateFavoriteRequest>;

export const favoriteParams = z.object({
  phone: z.string().regex(PHONE_PATTERN, 'a phone is 996 and nine digits'),
  id: z.uuid().meta({ description: 'The favorite id' }),
});
export type FavoriteParams = z.infer<typeof favoriteParams>;
