import { Inject, Injectable } from '@nestjs/common';
import { somToTyiyn } from '#money';
import { ApiError, signedHeaders, signingKeyFrom } from '#platform';
import type { PayeeSnapshot, WalletSnapshot } from '../domain/payability.js';
import { PAYMENT_ROUTER_CONFIG, type PaymentRouterConfig } from '../payment-router.config.js';

/**
 * Read-only questions to the other services' HTTP APIs, for `check`. Payments themselves never depend on these:
 * they travel as events, so a slow or stopped service delays a payment but cannot break it.
 */
@Injectable()
export class ServiceQueries {
  constructor(@Inject(PAYMENT_ROUTER_CONFIG) private readonly config: PaymentRouterConfig) {}

  async wallet(phone: string): Promise<WalletSnapshot | null> {
    const w = await this.get(this.config.WALLET_URL, `/v1/wallets/${phone}`, 'wallet');
    return w && { balance: somToTyiyn(w.balance), availableThisMonth: somToTyiyn(w.availableThisMonth) };
  }

  async organization(inn: string): Promise<PayeeSnapshot | null> {
    const o = await this.get(this.config.SOCHI_BALANCE_URL, `/v1/sochi/organizations/${inn}?limit=1`, 'sochi-balance');
    return o && { service: 'SOCHI', organizationName: o.name };
  }

  async invoice(number: string): Promise<PayeeSnapshot | null> {
    const i = await this.get(this.config.ECP_INVOICING_URL, `/v1/ecp/invoices/${number}`, 'ecp-invoicing');
    return i && { service: 'ECP', clientName: i.clientName, status: i.status, amountDue: somToTyiyn(i.amount) };
  }

  private async get(base: string, path: string, service: string): Promise<Record<string, any> | null> {
    let res: Response;
    try {
      const url = new URL(path, base).toString();
      // Signed as the router (scope service-queries): the other services answer no anonymous caller.
      const headers = await signedHeaders(signingKeyFrom(this.config.SERVICE_QUERY_KEY), { method: 'GET', url });
      res = await fetch(url, { headers, signal: AbortSignal.timeout(this.config.QUERY_TIMEOUT_MS) });
    } catch (e) {
      throw new ApiError(503, 'DEPENDENCY_UNAVAILABLE', `${service} did not answer: ${(e as Error).message}`);
    }
    if (res.status === 404) return null;
    if (!res.ok) throw new ApiError(503, 'DEPENDENCY_UNAVAILABLE', `${service} answered ${res.status}`);
    return (await res.json()) as Record<string, any>;
  }
}
