import { openApiSchema } from '../openapi-schema.js';
import { problemSchema } from './problem.schema.js';

type Operation = Record<string, any>;
type Access = { open: true } | { partners: string[]; staff: string[] };

const SIGNATURE_CODES = ['SIGNATURE_MISSING', 'SIGNATURE_INVALID', 'SIGNATURE_EXPIRED', 'UNKNOWN_KEY', 'NONCE_REUSED'];
const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/**
 * The errors every operation can answer whatever its controller says, because the platform answers them before the
 * controller runs: authentication and the caller's scope or role (from the operation's `x-access`), the rate limit,
 * an unreadable or non-JSON body, a text no field may hold, and an unexpected failure.
 */
function standardProblems(method: string, op: Operation): Record<number, string[]> {
  const access: Access = op['x-access'];
  const out: Record<number, string[]> = {};
  const takesBody = op.requestBody || ['post', 'put', 'patch'].includes(method);
  const hasText = takesBody || (op.parameters ?? []).some((p: any) => p.in === 'path' || p.in === 'query');
  if (hasText) out[400] = ['VALIDATION_FAILED', ...(takesBody ? ['MALFORMED_REQUEST'] : [])];
  if (!('open' in access)) {
    // A token is checked when sent, a signature otherwise; TOKEN_MISSING only where no partner is admitted.
    out[401] = [
      ...SIGNATURE_CODES,
      'TOKEN_INVALID',
      'TOKEN_EXPIRED',
      ...(access.partners.length ? [] : ['TOKEN_MISSING']),
    ];
    out[403] = ['SCOPE_FORBIDDEN', 'ROLE_FORBIDDEN'];
    out[429] = ['RATE_LIMITED'];
  }
  if (takesBody) {
    out[413] = ['PAYLOAD_TOO_LARGE'];
    out[415] = ['UNSUPPORTED_MEDIA_TYPE'];
  }
  out[500] = ['INTERNAL_ERROR'];
  return out;
}

/** Describes `codes` in `description`, keeping what it already says and naming each code once. */
function withCodes(description: string | undefined, codes: string[]): string {
  const missing = codes.filter((c) => !description?.includes(c));
  if (!description) return missing.join(', ');
  return missing.length ? `${description}; also ${missing.join(', ')}` : description;
}

/**
 * Gives every operation its standard error answers, and every 4xx and 5xx answer without a body of its own (only
 * /health has one) the one `Problem` schema (application/problem+json), so a partner reads the error shape and its codes in one place.
 */
export function addProblemResponses(doc: Record<string, any>): void {
  doc.components ??= {};
  doc.components.schemas = { ...doc.components.schemas, Problem: openApiSchema(problemSchema, 'output') };
  for (const item of Object.values<Record<string, Operation>>(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      op.responses ??= {};
      for (const [status, codes] of Object.entries(standardProblems(method, op))) {
        const existing = op.responses[status];
        op.responses[status] = { ...existing, description: withCodes(existing?.description, codes) };
      }
      for (const [status, response] of Object.entries<Record<string, any>>(op.responses)) {
        if (Number(status) >= 400) response.content ??= PROBLEM;
      }
    }
  }
}
