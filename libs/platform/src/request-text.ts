/** The field code of a request text PostgreSQL cannot store as sent. */
export const INVALID_CHARACTERS = 'INVALID_CHARACTERS';

/**
 * A NUL, which PostgreSQL text cannot hold (it answers 22021, or 08P01 inside a query's text), or a UTF-16 surrogate
 * without its pair, which has no UTF-8 form: the driver would store U+FFFD in its place, silently another text.
 */
const INVALID = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when a request text holds a character no field may: a NUL or a lone surrogate. */
export function hasInvalidCharacters(text: string): boolean {
  return INVALID.test(text);
}

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export const INVALID_CHARACTERS_MESSAGE = 'contains a NUL character or an unpaired UTF-16 surrogate';

/** A position in a request part, kept as a link to its parent so that a deep body costs no copying of paths. */
interface Step {
  readonly key: string | number;
  readonly parent: Step | null;
}

function pathOf(step: Step | null, root: readonly (string | number)[]): string {
  const keys: (string | number)[] = [];
  for (let s = step; s; s = s.parent) keys.push(s.key);
  return [...root, ...keys.reverse()].map(String).join('.');
}

/** Enough to show what is wrong; a body of thousands of bad texts does not get an answer thousands of entries long. */
const MAX_REPORTED = 50;

/**
 * Every text in a request part (a parsed JSON body, a query, route parameters; keys too) that holds an invalid
 * character, named by its path from `root`, up to 50 of them. Walks without recursion, so a deeply nested body
 * cannot exhaust the stack.
 */
export function invalidTextFields(value: unknown, root: readonly (string | number)[] = []): FieldError[] {
  const errors: FieldError[] = [];
  const report = (at: Step | null) =>
    errors.push({ field: pathOf(at, root), code: INVALID_CHARACTERS, message: INVALID_CHARACTERS_MESSAGE });
  // Depth first in document order; a refused key is reported where its value would have been, and not entered.
  const pending: Array<{ value?: unknown; at: Step | null; refusedKey?: true }> = [{ value, at: null }];
  while (pending.length > 0 && errors.length < MAX_REPORTED) {
    const { value: v, at, refusedKey } = pending.pop()!;
    if (refusedKey || (typeof v === 'string' && hasInvalidCharacters(v))) {
      report(at);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) pending.push({ value: v[i], at: { key: i, parent: at } });
    } else if (v !== null && typeof v === 'object') {
      for (const [key, inner] of Object.entries(v).reverse()) {
        const step = { key, parent: at };
        pending.push(hasInvalidCharacters(key) ? { at: step, refusedKey: true } : { value: inner, at: step });
      }
    }
  }
  return errors;
}
