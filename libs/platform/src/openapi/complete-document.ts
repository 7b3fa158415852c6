import type { ApiDocumentOptions } from './api-document.options.js';
import { moveNamedSchemas } from './named-schemas.js';
import { addProblemResponses } from './problem-responses.js';
import { SECURITY_SCHEMES, securityOf } from './security-schemes.js';

/** Tags every service has, from the platform. */
const PLATFORM_TAGS: Record<string, string> = {
  health: 'Whether the service can work: its database and its broker connection. Open to anyone.',
  audit: 'The append-only audit trail of staff and partner writes, for auditors.',
  'parked messages':
    "Messages this service could not process, kept for staff: read by every role, republished through the service's own consumer or discarded by billing.",
};

/**
 * What Nest's generated document lacks and a partner needs to build on it: the servers, described tags, named answer
 * schemas, the one error shape on every error, and how each operation authenticates (from its `x-access`).
 */
export function completeDocument(doc: Record<string, any>, options: ApiDocumentOptions | undefined): void {
  moveNamedSchemas(doc);
  addProblemResponses(doc);
  dropUnusedSchemas(doc);
  doc.components.securitySchemes = SECURITY_SCHEMES;
  for (const item of Object.values<Record<string, any>>(doc.paths)) {
    for (const op of Object.values<Record<string, any>>(item)) op.security = securityOf(op['x-access']);
  }
  const tags = { ...options?.tags, ...PLATFORM_TAGS };
  doc.tags = Object.entries(tags).map(([name, description]) => ({ name, description }));
  if (options)
    doc.servers = [
      { url: `http://127.0.0.1:${options.developmentPort}`, description: 'development (npm run start:all)' },
    ];
}

/** Schemas Nest registers for types it meets but no operation refers to (it reflects `Event` from a consumer). */
function dropUnusedSchemas(doc: Record<string, any>): void {
  const text = JSON.stringify({ ...doc, components: { ...doc.components, schemas: undefined } });
  for (const name of Object.keys(doc.components.schemas)) {
    if (!text.includes(`"#/components/schemas/${name}"`)) delete doc.components.schemas[name];
  }
}
