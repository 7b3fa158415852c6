import type { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { ApiError } from './api-error.js';

/**
 * Validates a request part against a zod schema; failures are 400 VALIDATION_FAILED listing each field's code.
 * For a single route or query parameter, pass its name so that errors name the field.
 */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S, private readonly field?: string) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value ?? (this.field ? value : {}));
    if (result.success) return result.data;
    const errors = result.error.issues.map((i) => {
      const path = this.field ? [this.field, ...i.path] : i.path;
      return { field: path.map(String).join('.'), code: fieldCode({ ...i, path }), message: i.message };
    });
    throw new ApiError(400, 'VALIDATION_FAILED', errors.map((e) => `${e.field || 'body'}: ${e.message}`).join('; '), { errors });
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
