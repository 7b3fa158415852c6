import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '#platform';
import { amountToPay } from '../domain/autopayment-payment.js';
import { ServiceQueries } from '../gateways/service-queries.js';
import { RequestPaymentHandler } from '../request-payment/request-payment.handler.js';
import type { PayFromFavoriteRequest } from './pay-from-favorite.request.js';
import { WalletFavorites } from './wallet-favorites.gateway.js';

/**
 * Pays a favorite: reads it from the wallet, settles the amount (given, the favorite's, or an ЭЦП invoice's amount
 * due) and then runs exactly the ordinary payment request, Idempotency-Key included. Because the payment is the
 * ordinary one, a retry with the same key and the same favorite and amount returns the same payment.
 */
@Injectable()
export class PayFromFavoriteHandler {
  constructor(
    @Inject(WalletFavorites) private readonly favorites: WalletFavorites,
    @Inject(ServiceQueries) private readonly queries: ServiceQueries,
    @Inject(RequestPaymentHandler) private readonly requestPayment: RequestPaymentHandler,
  ) {}

  async handle(idempotencyKey: string, request: PayFromFavoriteRequest) {
    const favorite = await this.favorites.find(request.phone, request.favoriteId);
    if (!favorite)
      throw new ApiError(404, 'FAVORITE_NOT_FOUND', `wallet ${request.phone} has no favorite ${request.favoriteId}`);
    const given = request.amount ?? favorite.amount;
    const invoice = given === null && favorite.service === 'ECP' ? await this.queries.invoice(favorite.account) : null;
    const amount = amountToPay(favorite.service, given, invoice);
    switch (amount.kind) {
      case 'amount-required':
      case 'invalid-amount': {
        const message = 'this favorite has no amount: send one';
        throw new ApiError(400, 'VALIDATION_FAILED', `amount: ${message}`, {
          errors: [{ field: 'amount', code: 'AMOUNT_REQUIRED', message }],
        });
      }
      case 'nothing-due':
        throw new ApiError(422, 'NOTHING_DUE', `invoice ${favorite.account} has nothing to pay (${amount.reason})`, {
          reason: amount.reason,
        });
      case 'pay':
        return this.requestPayment.handle(idempotencyKey, {
          phone: request.phone,
          service: favorite.service,
          account: favorite.account,
          amount: amount.amount,
        });
    }
  }
}
