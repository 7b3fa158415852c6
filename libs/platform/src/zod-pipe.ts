import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { ApiError } from './api-error.js';
import { invalidTextFields, type FieldError } from './request-text.js';

/**
 * Validates a request part against a zod schema; failures are 400 VALIDATION_FAILED listing each field's code.
 * Before the schema (and its trims and transforms) sees it, every text in the part is checked for characters no
 * field may hold (a NUL, a lone surrogate: INVALID_CHARACTERS), so that no text is stored as something else.
 * A single route or query parameter (`@Param('number', pipe)`) is named after that parameter unless `field` says otherwise.
 */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly field?: string,
  ) {}

  transform(value: unknown, metadata?: ArgumentMetadata): z.infer<S> {
    const field =
      this.field ?? (typeof metadata?.data === 'string' && metadata.data !== '' ? metadata.data : undefined);
    const input = value ?? (field ? value : {});
    const root = field ? [field] : [];
    const characters = invalidTextFields(input, root);
    const result = this.schema.safeParse(input);
    if (result.success && characters.length === 0) return result.data;
    const refused = new Set(characters.map((e) => e.field));
    const schemaErrors: FieldError[] = (result.success ? [] : result.error.issues)
      .map((i) => {
        const path = [...root, ...i.path];
        return { field: path.map(String).join('.'), code: fieldCode({ ...i, path }), message: i.message };
      })
      // A field refused for its characters is not also judged on its content.
      .filter((e) => !refused.has(e.field));
    const errors = [...characters, ...schemaErrors];
    throw new ApiError(400, 'VALIDATION_FAILED', errors.map((e) => `${e.field || 'body'}: ${e.message}`).join('; '), {
      errors,
    });
  }
}

function fieldCode(issue: z.core.$ZodIssue): string {
  // A refinement may name its own stable code (see `coded`); otherwise derive one from the field.
  const custom = (issue as { params?: { code?: string } }).params?.code;
  if (custom) return custom;
  const field = String(issue.path.at(-1) ?? 'body');
  return `INVALID_${field.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/** A zod refinement that reports a stable error code. */
export function coded<T>(code: string, message: string, check: (v: T) => boolean) {
  return [check, { message, params: { code } }] as const;
}
