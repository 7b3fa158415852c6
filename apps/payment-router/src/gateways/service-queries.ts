import { Inject, Injectable } from '@nestjs/common';
import { somToTyiyn } from '#money';
import { getJson, type JsonService } from '#platform';
import type { Favorite } from '../domain/favorite.js';
import type { PayeeSnapshot, WalletSnapshot } from '../domain/payability.js';
import { PAYMENT_ROUTER_CONFIG, type PaymentRouterConfig } from '../payment-router.config.js';

/**
 * Read-only questions to the other services' HTTP APIs: for `check`, and for the amount a payment takes when it
 * comes from a favorite or an autopayment (an ЭЦП invoice's amount due). A service that does not answer delays such
 * a payment (503 to the partner, a retried message) but never half-makes one: nothing is written before the answer.
 */
@Injectable()
export class ServiceQueries {
  constructor(@Inject(PAYMENT_ROUTER_CONFIG) private readonly config: PaymentRouterConfig) {}

  async wallet(phone: string): Promise<WalletSnapshot | null> {
    const w = await getJson(this.service('wallet', this.config.WALLET_URL), `/v1/wallets/${phone}`);
    return w && { balance: somToTyiyn(w.balance), availableThisMonth: somToTyiyn(w.availableThisMonth) };
  }

  async organization(inn: string): Promise<PayeeSnapshot | null> {
    const sochi = this.service('sochi-balance', this.config.SOCHI_BALANCE_URL);
    const o = await getJson(sochi, `/v1/sochi/organizations/${inn}?limit=1`);
    return o && { service: 'SOCHI', organizationName: o.name };
  }

  async invoice(number: string): Promise<PayeeSnapshot | null> {
    const i = await getJson(this.service('ecp-invoicing', this.config.ECP_INVOICING_URL), `/v1/ecp/invoices/${number}`);
    return i && { service: 'ECP', clientName: i.clientName, status: i.status, amountDue: somToTyiyn(i.amount) };
  }

  /** A subscriber's favorite (payment template), or null when the wallet has no such favorite (or no such wallet). */
  async favorite(phone: string, favoriteId: string): Promise<Favorite | null> {
    const wallet = this.service('wallet', this.config.WALLET_URL);
    const f = await getJson(wallet, `/v1/wallets/${phone}/favorites/${favoriteId}`);
    return (
      f && {
        id: f.id,
        name: f.name,
        service: f.service,
        account: f.account,
        amount: f.amount === null ? null : somToTyiyn(f.amount),
      }
    );
  }

  private service(name: string, baseUrl: string): JsonService {
    // Signed as the router (scope service-queries): the other services answer no anonymous caller.
    return { name, baseUrl, signingKey: this.config.SERVICE_QUERY_KEY, timeoutMs: this.config.QUERY_TIMEOUT_MS };
  }
}
