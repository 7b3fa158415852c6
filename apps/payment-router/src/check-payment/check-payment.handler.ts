import { Inject, Injectable } from '@nestjs/common';
import { formatSom } from '#money';
import { assessPayability } from '../domain/payability.js';
import { reasonMessage } from '../domain/reasons.js';
import { ServiceQueries } from '../gateways/service-queries.js';
import type { PaymentRequestBody } from '../http/payment-request.schema.js';
import type { PaymentCheck } from './payment-check.schema.js';

/** Answers "can this be paid?" from the wallet's and the payee's current state; changes nothing anywhere. */
@Injectable()
export class CheckPaymentHandler {
  constructor(@Inject(ServiceQueries) private readonly queries: ServiceQueries) {}

  async handle(request: PaymentRequestBody): Promise<PaymentCheck> {
    const [wallet, payee] = await Promise.all([
      this.queries.wallet(request.phone),
      request.service === 'SOCHI' ? this.queries.organization(request.account) : this.queries.invoice(request.account),
    ]);
    const result = assessPayability(request.service, request.amount, wallet, payee);
    return {
      payable: result.payable,
      problems: result.problems.map((code) => ({ code, message: reasonMessage(code) })),
      phone: request.phone,
      service: request.service,
      account: request.account,
      amount: formatSom(request.amount),
      holderName: result.holderName,
      amountDue: result.amountDue === null ? null : formatSom(result.amountDue),
      wallet: wallet && {
        balance: formatSom(wallet.balance),
        availableThisMonth: formatSom(wallet.availableThisMonth),
      },
    };
  }
}
