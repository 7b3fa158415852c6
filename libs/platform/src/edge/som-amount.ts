import { z } from 'zod';
import { parseSom, type AmountError, type Tyiyn } from '#money';

/** The one table of what a refused som amount is told, whichever field it is. */
export const SOM_AMOUNT_PROBLEMS: Record<AmountError, string> = {
  NOT_A_DECIMAL: 'a decimal string of som with at most two places, such as "150.00" (never a JSON number)',
  NOT_POSITIVE: 'more than zero',
  TOO_LARGE: 'at most 1000000.00',
};

/**
 * Reads a som amount inside a zod refinement: its tyiyn, or undefined with an issue on `path` coded `code`.
 * For a request whose fields are judged together (a superRefine), so that every problem is listed in one answer.
 */
export function somAmountOrIssue(
  text: string | undefined,
  ctx: z.RefinementCtx,
  path: PropertyKey[] = [],
  code = 'INVALID_AMOUNT',
): Tyiyn | undefined {
  if (text === undefined) return undefined;
  const parsed = parseSom(text);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', path, message: SOM_AMOUNT_PROBLEMS[parsed.error], params: { code } });
  return undefined;
}

/** The tyiyn of an amount a schema has already accepted; a malformed one here is a bug, not bad input. */
export function acceptedSomAmount(text: string): Tyiyn {
  const parsed = parseSom(text);
  if (!parsed.ok) throw new Error(`unvalidated som amount ${JSON.stringify(text)}`);
  return parsed.value;
}

/**
 * A som amount field of a request: a decimal string (never a JSON number), tyiyn once parsed; a refused one is
 * the field code `code` (a text that is no string at all takes the field's own code, such as INVALID_PRICE).
 */
export function somAmountField(code = 'INVALID_AMOUNT', example = '150.00') {
  return z
    .string({ error: SOM_AMOUNT_PROBLEMS.NOT_A_DECIMAL })
    .transform((text, ctx) => somAmountOrIssue(text, ctx, [], code) ?? z.NEVER)
    .meta({ description: 'Som, a decimal string with at most two places', example });
}
