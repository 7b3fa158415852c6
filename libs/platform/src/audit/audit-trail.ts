import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { callerId, type Caller } from '../auth/callers.js';

/** Who acts and in which request: what every audited write records. */
export interface Actor {
  /** `partner:<keyid>` or `staff:<subject>`. */
  id: string;
  /** A staff member's name, when the token carries one. */
  name: string | null;
  requestId: string;
}

/** One audited write: what was done to which thing, with the thing as it was before and after. */
export interface AuditEntry {
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
}

/** The actor of the current request: its authenticated caller and its request id (X-Request-Id, or a new one). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<{ caller?: Caller; id?: unknown; headers: Record<string, unknown> }>();
  if (!req.caller) throw new Error('CurrentActor on an endpoint without an access rule');
  const requestId =
    typeof req.id === 'string'
      ? req.id
      : typeof req.headers['x-request-id'] === 'string'
        ? req.headers['x-request-id']
        : randomUUID();
  return { id: callerId(req.caller), name: req.caller.kind === 'staff' ? req.caller.name : null, requestId };
});

/**
 * Appends the audit row of a write in the write's own transaction, so the row exists exactly when the write does.
 * The table refuses UPDATE and DELETE (audit-trail.migration.ts).
 */
export async function recordAudit(
  tx: { query(sql: string, params?: unknown[]): Promise<unknown> },
  actor: Actor,
  entry: AuditEntry,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_trail (at, actor, actor_name, request_id, action, subject, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      at,
      actor.id,
      actor.name,
      actor.requestId,
      entry.action,
      entry.subject,
      JSON.stringify(entry.before ?? null),
      JSON.stringify(entry.after ?? null),
    ],
  );
}
