import { z } from 'zod';

/** The OpenAPI form of a zod schema, so request validation and the documentation share one definition. */
export function openApiSchema(schema: z.ZodType): Record<string, any> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' }) as Record<string, any>;
}
