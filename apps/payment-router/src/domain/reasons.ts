/** Why a payment was rejected or refunded, as the subscriber reads it in MegaPay. */
export const REASON_MESSAGES: Record<string, string> = {
  INSUFFICIENT_FUNDS: 'Недостаточно средств на балансе кошелька',
  MONTHLY_LIMIT_EXCEEDED: 'Превышен месячный лимит оборота кошелька (60 000.00 сом)',
  WALLET_NOT_FOUND: 'Кошелек не найден',
  UNKNOWN_INN: 'Организация или ИП с таким ИНН не найдены в системе СОЧИ',
  UNKNOWN_INVOICE: 'Счет на оплату с таким номером не найден',
  INVOICE_ALREADY_PAID: 'Счет на оплату уже оплачен',
  AMOUNT_MISMATCH: 'Сумма не совпадает с суммой счета на оплату',
  INVOICE_EXPIRED: 'Срок оплаты счета истек: получите новый счет в офисе или на сайте',
  INVOICE_CANCELLED: 'Счет на оплату аннулирован',
};

export function reasonMessage(code: string | null): string | null {
  return code === null ? null : (REASON_MESSAGES[code] ?? code);
}
