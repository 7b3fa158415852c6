import { passesLuhn } from './luhn.js';
import { INN_PATTERN, INVOICE_NUMBER_PATTERN } from '#contracts';

/** The two Dos Tek services payable from MegaPay, with the account each one takes. */
export const PAYABLE_SERVICES = {
  SOCHI: {
    code: 'SOCHI',
    name: 'СОЧИ',
    description: 'Пополнение баланса организации или ИП в системе СОЧИ',
    account: { name: 'ИНН организации или ИП', pattern: INN_PATTERN, length: 14, errorCode: 'INVALID_INN' },
  },
  ECP: {
    code: 'ECP',
    name: 'Оплата ЭЦП',
    description: 'Оплата электронной подписи новыми клиентами (Ош, Джалал-Абад, онлайн-регистрация)',
    account: {
      name: 'Номер счета на оплату',
      pattern: INVOICE_NUMBER_PATTERN,
      length: 16,
      errorCode: 'INVALID_INVOICE_NUMBER',
    },
  },
} as const;

export type PayableServiceCode = keyof typeof PAYABLE_SERVICES;

/**
 * Null when the account fits the service, else the stable error code. An invoice number also carries a Luhn check
 * digit (and never starts with 0), so a mistyped one is refused here, before any money moves.
 */
export function accountError(service: PayableServiceCode, account: string): string | null {
  const rule = PAYABLE_SERVICES[service].account;
  if (!rule.pattern.test(account)) return rule.errorCode;
  if (service === 'ECP' && (account[0] === '0' || !passesLuhn(account))) return rule.errorCode;
  return null;
}
