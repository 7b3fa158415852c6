import { bishkekWallClock, formatSom, type Tyiyn } from '#money';
import type { PayableService } from './favorite.js';

/** What the subscriber is told about, each once. */
export type NotificationKind =
  'PAYMENT_COMPLETED' | 'PAYMENT_REFUNDED' | 'PAYMENT_REJECTED' | 'AUTOPAYMENT_REMINDER' | 'AUTOPAYMENT_FAILED';

const SERVICE_NAMES: Record<PayableService, string> = { SOCHI: 'СОЧИ', ECP: 'Оплата ЭЦП' };
const ACCOUNT_NAMES: Record<PayableService, string> = { SOCHI: 'ИНН', ECP: 'счет' };

const REASONS: Record<string, string> = {
  INSUFFICIENT_FUNDS: 'недостаточно средств на балансе кошелька',
  MONTHLY_LIMIT_EXCEEDED: 'превышен месячный лимит оборота кошелька',
  WALLET_NOT_FOUND: 'кошелек не найден',
  UNKNOWN_INN: 'организация или ИП с таким ИНН не найдены в системе СОЧИ',
  UNKNOWN_INVOICE: 'счет на оплату с таким номером не найден',
  INVOICE_ALREADY_PAID: 'счет на оплату уже оплачен',
  AMOUNT_MISMATCH: 'сумма не совпадает с суммой счета на оплату',
  INVOICE_EXPIRED: 'срок оплаты счета истек',
  INVOICE_CANCELLED: 'счет на оплату отменен',
  INVALID_INN: 'неверный ИНН',
  INVALID_INVOICE_NUMBER: 'неверный номер счета на оплату',
  INVALID_AMOUNT: 'неверная сумма платежа',
};

export interface PaymentFacts {
  service: PayableService;
  account: string;
  amount: Tyiyn | null;
}

/** The reason as the subscriber reads it; an unknown code is shown as it is rather than hidden. */
export function reasonText(code: string): string {
  return REASONS[code] ?? code;
}

const what = (p: PaymentFacts) =>
  `${p.amount === null ? '' : `${formatSom(p.amount)} сом `}(${SERVICE_NAMES[p.service]}, ${ACCOUNT_NAMES[p.service]} ${p.account})`;

export function paymentCompletedText(p: PaymentFacts, autopaymentName: string | null): string {
  return autopaymentName === null
    ? `Платеж ${what(p)} выполнен.`
    : `Автоплатеж «${autopaymentName}»: платеж ${what(p)} выполнен.`;
}

export function paymentRejectedText(p: PaymentFacts, reason: string): string {
  return `Платеж ${what(p)} отклонен: ${reasonText(reason)}. Деньги не списаны.`;
}

export function paymentRefundedText(p: PaymentFacts, reason: string): string {
  return `Платеж ${what(p)} не принят получателем: ${reasonText(reason)}. Деньги возвращены на кошелек.`;
}

export function autopaymentReminderText(name: string, p: PaymentFacts, runAt: Date): string {
  const { date, time } = bishkekWallClock(runAt);
  const [y, m, d] = date.split('-');
  const amount = p.amount === null ? 'сумма к оплате по счету' : `${formatSom(p.amount)} сом`;
  return `Напоминание: ${d}.${m}.${y} в ${time} автоплатеж «${name}»: ${amount} (${SERVICE_NAMES[p.service]}, ${ACCOUNT_NAMES[p.service]} ${p.account}).`;
}

export function autopaymentFailedText(name: string, reason: string, pausedAfter: number | null): string {
  const paused =
    pausedAfter === null
      ? ''
      : ` Автоплатеж приостановлен после ${pausedAfter} неудачных попыток подряд; возобновите его в приложении.`;
  return `Автоплатеж «${name}» не выполнен: ${reasonText(reason)}.${paused}`;
}
