import type { z } from 'zod';
import { parseSom, type AmountError, type Tyiyn } from '#money';

const AMOUNT_PROBLEMS: Record<AmountError, string> = {
  NOT_A_DECIMAL: 'an amount is a decimal string in som with at most two places, such as "150.00"',
  NOT_POSITIVE: 'an amount is more than zero',
  TOO_LARGE: 'an amount is at most 1000000.00',
};

/**
 * Reads an optional som amount inside a superRefine, reporting INVALID_AMOUNT on `path`; undefined stays undefined.
 * Used where one request has several fields to check at once, so that every problem is listed in one answer.
 */
export function somAmountOrIssue(text: string | undefined, ctx: z.RefinementCtx, path: string[]): Tyiyn | undefined {
  if (text === undefined) return undefined;
  const parsed = parseSom(text);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', path, message: AMOUNT_PROBLEMS[parsed.error], params: { code: 'INVALID_AMOUNT' } });
  return undefined;
}

/** The parsed amount of a request that passed validation. */
export function somAmount(text: string): Tyiyn {
  const parsed = parseSom(text);
  if (!parsed.ok) throw new Error(`unvalidated amount ${JSON.stringify(text)}`);
  return parsed.value;
}
