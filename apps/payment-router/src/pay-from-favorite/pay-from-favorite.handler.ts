import { Inject, Injectable } from '@nestjs/common';
import { amountToPay } from '../domain/autopayment-payment.js';
import { ServiceQueries } from '../gateways/service-queries.js';
import { PaymentIntake } from '../persistence/payment-intake.js';
import type { RequestPaymentResult } from '../persistence/payment-intake.js';
import type { PayFromFavoriteRequest } from './pay-from-favorite.request.js';

export type PayFromFavoriteResult =
  | RequestPaymentResult
  | { kind: 'favorite-not-found' }
  | { kind: 'amount-required' }
  | { kind: 'nothing-due'; account: string; reason: string };

/**
 * Pays a favorite: reads it from the wallet, settles the amount (given, the favorite's, or an ЭЦП invoice's amount
 * due) and then runs exactly the ordinary payment request, Idempotency-Key included. Because the payment is the
 * ordinary one, a retry with the same key and the same favorite and amount returns the same payment.
 */
@Injectable()
export class PayFromFavoriteHandler {
  constructor(
    @Inject(ServiceQueries) private readonly queries: ServiceQueries,
    @Inject(PaymentIntake) private readonly requestPayment: PaymentIntake,
  ) {}

  async handle(idempotencyKey: string, request: PayFromFavoriteRequest): Promise<PayFromFavoriteResult> {
    const favorite = await this.queries.favorite(request.phone, request.favoriteId);
    if (!favorite) return { kind: 'favorite-not-found' };
    const given = request.amount ?? favorite.amount;
    const invoice = given === null && favorite.service === 'ECP' ? await this.queries.invoice(favorite.account) : null;
    const amount = amountToPay(favorite.service, given, invoice);
    switch (amount.kind) {
      case 'amount-required':
      case 'invalid-amount':
        return { kind: 'amount-required' };
      case 'nothing-due':
        return { kind: 'nothing-due', account: favorite.account, reason: amount.reason };
      case 'pay': {
        return this.requestPayment.handle(idempotencyKey, {
          phone: request.phone,
          service: favorite.service,
          account: favorite.account,
          amount: amount.amount,
        });
      }
    }
  }
}
