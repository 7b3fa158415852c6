import { isDeepStrictEqual } from 'node:util';
import { COMPONENT_NAME } from './api-result.decorator.js';

/**
 * Moves every answer schema marked by `ApiResult` into `components.schemas` under its name and refers to it there,
 * so each shape is described once and clients generate one type per name. Two different shapes under one name are
 * a mistake in the code, and fail the document.
 */
export function moveNamedSchemas(doc: Record<string, any>): void {
  doc.components ??= {};
  const schemas: Record<string, any> = (doc.components.schemas ??= {});
  for (const item of Object.values<Record<string, any>>(doc.paths)) {
    for (const op of Object.values<Record<string, any>>(item)) {
      for (const response of Object.values<Record<string, any>>(op.responses ?? {})) {
        for (const media of Object.values<Record<string, any>>(response.content ?? {})) {
          const name = media.schema?.[COMPONENT_NAME];
          if (!name) continue;
          const { [COMPONENT_NAME]: _, ...schema } = media.schema;
          if (schemas[name] && !isDeepStrictEqual(schemas[name], schema))
            throw new Error(`two different answer schemas are both named ${name}`);
          schemas[name] = schema;
          media.schema = { $ref: `#/components/schemas/${name}` };
        }
      }
    }
  }
}
