import { z } from 'zod';

/**
 * The OpenAPI form of a zod schema, so validation and the documentation share one definition: a request body as the
 * client sends it (`input`), an answer as the service writes it (`output`).
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, any> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io }) as Record<string, any>;
}
