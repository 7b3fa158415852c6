import type { StaffAction } from './staff-permissions.js';

/** The services the back office calls, by the name the UI uses in /api/services/<name>/…. */
export const BACKEND_SERVICES = ['payment-router', 'wallet', 'sochi-balance', 'ecp-invoicing'] as const;
export type BackendService = (typeof BACKEND_SERVICES)[number];

interface WriteRule {
  method: 'POST' | 'PUT';
  service: BackendService | '*';
  path: RegExp;
  action: StaffAction;
}

/** The writes the UI makes; nothing else is forwarded, so the BFF is no open door to the services' partner APIs. */
const WRITES: readonly WriteRule[] = [
  {
    method: 'POST',
    service: 'ecp-invoicing',
    path: /^\/v1\/ecp\/invoices\/[0-9]{16}\/cancel$/,
    action: 'cancelInvoice',
  },
  { method: 'POST', service: 'ecp-invoicing', path: /^\/v1\/ecp\/invoices\/[0-9]{16}\/csr$/, action: 'replaceCsr' },
  {
    method: 'POST',
    service: 'ecp-invoicing',
    path: /^\/v1\/ecp\/registrations\/[0-9a-f-]{36}\/invoices$/,
    action: 'reissueInvoice',
  },
  { method: 'PUT', service: 'ecp-invoicing', path: /^\/v1\/ecp\/products\/[A-Z0-9_]{1,64}$/, action: 'changePrice' },
  {
    method: 'POST',
    service: '*',
    path: /^\/v1\/parked-messages\/[A-Za-z0-9-]{1,64}\/republish$/,
    action: 'republishParked',
  },
  {
    method: 'POST',
    service: '*',
    path: /^\/v1\/parked-messages\/[A-Za-z0-9-]{1,64}\/discard$/,
    action: 'discardParked',
  },
  {
    method: 'POST',
    service: 'payment-router',
    path: /^\/v1\/reconciliation\/days\/[0-9]{4}-[0-9]{2}-[0-9]{2}$/,
    action: 'reconcileDay',
  },
  {
    method: 'POST',
    service: 'payment-router',
    path: /^\/v1\/reconciliation\/days\/[0-9]{4}-[0-9]{2}-[0-9]{2}\/differences\/[A-Za-z0-9-]{1,64}\/resolution$/,
    action: 'resolveDifference',
  },
];

/** A read: any /v1/ path of plain segments (no dot segments, nothing encoded that could climb out of /v1/). */
const READABLE = /^\/v1(\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+$/;

export type Forwarding = { ok: true; action: StaffAction | null } | { ok: false };

/** Whether the BFF forwards a request, and which staff action a write is. */
export function forwarding(method: string, service: string, path: string): Forwarding {
  if (!(BACKEND_SERVICES as readonly string[]).includes(service)) return { ok: false };
  if (method === 'GET') return READABLE.test(path) ? { ok: true, action: null } : { ok: false };
  const rule = WRITES.find(
    (r) => r.method === method && (r.service === '*' || r.service === service) && r.path.test(path),
  );
  return rule ? { ok: true, action: rule.action } : { ok: false };
}
