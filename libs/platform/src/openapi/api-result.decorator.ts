import { ApiResponse, type ApiResponseOptions } from '@nestjs/swagger';
import type { z } from 'zod';
import { openApiSchema } from '../openapi-schema.js';

/** Marks a schema for `moveNamedSchemas` to make a component of; never left in a document. */
export const COMPONENT_NAME = 'x-component-name';

/**
 * An operation's success answer: its status and the zod schema of its body, which becomes the named component
 * `name` of the document. The view that builds the body is typed by the same schema, so the two cannot drift.
 */
export const ApiResult = (status: number, name: string, schema: z.ZodType, description: string) =>
  ApiResponse({
    status,
    description,
    schema: { ...openApiSchema(schema, 'output'), [COMPONENT_NAME]: name },
  } as ApiResponseOptions);
