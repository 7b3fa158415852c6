/** Russian names for the codes the services answer with; an unknown code is shown as it is. */
const LABELS: Record<string, string> = {
  SOCHI: 'СОЧИ',
  ECP: 'ЭЦП',
  PENDING: 'В обработке',
  COMPLETED: 'Завершён',
  REJECTED: 'Отклонён',
  REFUNDED: 'Возвращён',
  AWAITING_DEBIT: 'Ждёт списания',
  AWAITING_PAYEE: 'Ждёт получателя',
  AWAITING_REFUND: 'Ждёт возврата',
  REQUESTED: 'Запрошен',
  DEBITED: 'Кошелёк списал',
  DEBIT_REJECTED: 'Кошелёк отказал в списании',
  CREDITED: 'Зачислено получателю',
  PAYEE_REFUSED: 'Получатель отказал',
  DEBIT: 'Журнал кошелька: списание',
  REFUND: 'Журнал кошелька: возврат',
  TOP_UP: 'Пополнение',
  CHARGE: 'Списание за отчёт',
  SOCHI_CREDIT: 'Журнал СОЧИ: зачисление',
  INVOICE_PAID: 'Счёт оплачен',
  INVOICE_SIGNATURE_PRODUCED: 'ЭЦП выпущена',
  INVOICE_PRODUCTION_FAILED: 'Выпуск ЭЦП не удался',
  INVOICE_CANCELLED: 'Счёт отменён',
  INVOICE_EXPIRED: 'Счёт просрочен',
  ISSUED: 'Выставлен',
  PAID: 'Оплачен',
  SIGNATURE_PRODUCED: 'ЭЦП выпущена',
  PRODUCTION_FAILED: 'Выпуск не удался',
  EXPIRED: 'Просрочен',
  CANCELLED: 'Отменён',
  AWAITING_PAYMENT: 'Ждёт оплаты',
  OSH: 'Ош',
  JALAL_ABAD: 'Джалал-Абад',
  ONLINE: 'Онлайн',
  CLOUD: 'Облако',
  TOKEN: 'Токен',
  INSUFFICIENT_FUNDS: 'Недостаточно средств',
  MONTHLY_LIMIT_EXCEEDED: 'Превышен месячный лимит',
  WALLET_NOT_FOUND: 'Кошелёк не найден',
  UNKNOWN_INN: 'ИНН не найден',
  UNKNOWN_INVOICE: 'Счёт не найден',
  INVOICE_ALREADY_PAID: 'Счёт уже оплачен',
  AMOUNT_MISMATCH: 'Сумма не совпадает',
  matched: 'Совпали',
  missingOnOurSide: 'Нет у нас',
  missingOnTheirs: 'Нет у MegaPay',
  amountDiffers: 'Сумма различается',
  statusDiffers: 'Статус различается',
  detailsDiffer: 'Реквизиты различаются',
  // What a pending payment waits for, as payment-router words it (waitingFor).
  'wallet debit and СОЧИ credit': 'списания с кошелька и зачисления на СОЧИ',
  'wallet debit and ЭЦП invoice payment': 'списания с кошелька и оплаты счёта ЭЦП',
  'СОЧИ credit': 'зачисления на СОЧИ',
  'ЭЦП invoice payment': 'оплаты счёта ЭЦП',
  'wallet refund': 'возврата в кошелёк',
  'payment-router': 'Маршрутизатор платежей',
  wallet: 'Кошелёк',
  'sochi-balance': 'Баланс СОЧИ',
  'ecp-invoicing': 'Счета ЭЦП',
};

export function label(code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return LABELS[code] ?? code;
}

export const PAYMENT_STATUSES = ['PENDING', 'COMPLETED', 'REJECTED', 'REFUNDED'] as const;
export const INVOICE_STATUSES = [
  'ISSUED',
  'PAID',
  'SIGNATURE_PRODUCED',
  'PRODUCTION_FAILED',
  'EXPIRED',
  'CANCELLED',
] as const;
export const OFFICES = ['OSH', 'JALAL_ABAD', 'ONLINE'] as const;
export const options = (codes: readonly string[]) => codes.map((value) => ({ value, label: label(value) }));
