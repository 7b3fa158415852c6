/**
 * Who calls the services. Partners are systems that sign their requests with a shared key (RFC 9421); each key holds
 * scopes. Staff are people signed in at Dos Tek's identity provider; each token holds roles. docs/security.md says
 * which endpoint admits which.
 */
export const PARTNER_SCOPES = [
  /** MegaPay backend: payments, and the wallet screens of the subscribers it has authenticated. */
  'payments',
  /** MegaPay funding: wallet creation, top-ups. */
  'wallet-funding',
  /** Dos Tek СОЧИ reporting: organization registration, report charges. */
  'sochi-reports',
  /** Dos Tek website: online ЭЦП registrations. */
  'ecp-registration',
  /** payment-router's read-only questions to the other services (the check before a payment). */
  'service-queries',
] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

export const STAFF_ROLES = ['billing', 'registrar', 'pricing', 'treasury', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type Caller =
  | { kind: 'partner'; keyId: string; scopes: readonly PartnerScope[] }
  | { kind: 'staff'; subject: string; name: string | null; roles: readonly StaffRole[] };

/** Who may call an endpoint: a partner holding one of `partners`, a member of staff holding one of `staff`. */
export interface AccessRule {
  partners?: readonly PartnerScope[];
  staff?: readonly StaffRole[];
}

/** Every staff role: what reads admit (the auditor reads everything; billing staff read to answer a subscriber). */
export const ANY_STAFF: readonly StaffRole[] = STAFF_ROLES;

/** Who the caller is, for logs and the audit trail: the partner's key id or the staff member's subject. */
export function callerId(caller: Caller): string {
  return caller.kind === 'partner' ? `partner:${caller.keyId}` : `staff:${caller.subject}`;
}
