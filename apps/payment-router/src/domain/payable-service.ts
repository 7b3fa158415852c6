/** The two Dos Tek services payable from MegaPay, with the account each one takes. */
export const PAYABLE_SERVICES = {
  SOCHI: {
    code: 'SOCHI',
    name: 'СОЧИ',
    description: 'Пополнение баланса организации или ИП в системе СОЧИ',
    account: { name: 'ИНН организации или ИП', pattern: /^[0-9]{14}$/, length: 14, errorCode: 'INVALID_INN' },
  },
  ECP: {
    code: 'ECP',
    name: 'Оплата ЭЦП',
    description: 'Оплата электронной подписи новыми клиентами (Ош, Джалал-Абад, онлайн-регистрация)',
    account: { name: 'Номер счета на оплату', pattern: /^[0-9]{16}$/, length: 16, errorCode: 'INVALID_INVOICE_NUMBER' },
  },
} as const;

export type PayableServiceCode = keyof typeof PAYABLE_SERVICES;

/** Null when the account fits the service, else the stable error code. */
export function accountError(service: PayableServiceCode, account: string): string | null {
  const rule = PAYABLE_SERVICES[service].account;
  return rule.pattern.test(account) ? null : rule.errorCode;
}
