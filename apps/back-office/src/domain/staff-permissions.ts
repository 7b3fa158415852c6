/**
 * What each staff role may do in the back office. The services decide (they check the token's roles on every call);
 * this table only lets the UI hide what a role would be refused, and the BFF refuse it before the call. It is plain
 * TypeScript, shared by the BFF and the UI bundle.
 */
export const STAFF_ROLES = ['billing', 'registrar', 'pricing', 'treasury', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = {
  billing: 'Биллинг',
  registrar: 'Регистратор',
  pricing: 'Цены',
  treasury: 'Казначейство',
  auditor: 'Аудитор',
};

/** Every write the back office offers, with the role the service admits for it. */
export const STAFF_ACTIONS = {
  cancelInvoice: ['billing'],
  replaceCsr: ['billing'],
  reissueInvoice: ['billing'],
  changePrice: ['pricing'],
  republishParked: ['billing'],
  discardParked: ['billing'],
  reconcileDay: ['billing'],
  resolveDifference: ['billing'],
} as const satisfies Record<string, readonly StaffRole[]>;
export type StaffAction = keyof typeof STAFF_ACTIONS;

export function mayDo(roles: readonly string[], action: StaffAction): boolean {
  return (STAFF_ACTIONS[action] as readonly string[]).some((r) => roles.includes(r));
}

/** The screens; every role reads every one (the auditor reads everything, billing staff read to answer a call). */
export const SCREENS = [
  { path: '/', title: 'Главная' },
  { path: '/payments', title: 'Платежи' },
  { path: '/organizations', title: 'Организации СОЧИ' },
  { path: '/ecp', title: 'ЭЦП' },
  { path: '/trouble', title: 'Проблемы' },
  { path: '/reconciliation', title: 'Сверка с MegaPay' },
] as const;
