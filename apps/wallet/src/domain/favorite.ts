export const PAYABLE_SERVICES = ['SOCHI', 'ECP'] as const;
export type PayableService = (typeof PAYABLE_SERVICES)[number];

/** The account each service takes: a 14-digit INN for СОЧИ, a 16-digit invoice number for ЭЦП. */
const ACCOUNT_RULES: Record<
  PayableService,
  { pattern: RegExp; code: 'INVALID_INN' | 'INVALID_INVOICE_NUMBER'; message: string }
> = {
  SOCHI: { pattern: /^[0-9]{14}$/, code: 'INVALID_INN', message: 'an INN of 14 digits' },
  ECP: { pattern: /^[0-9]{16}$/, code: 'INVALID_INVOICE_NUMBER', message: 'an invoice number of 16 digits' },
};

/** Null when the account fits the service, else its stable error code and message. */
export function accountProblem(service: PayableService, account: string): { code: string; message: string } | null {
  const rule = ACCOUNT_RULES[service];
  return rule.pattern.test(account) ? null : { code: rule.code, message: rule.message };
}

export const FAVORITE_NAME_MAX = 100;
