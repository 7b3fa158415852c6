import { Inject, Injectable } from '@nestjs/common';
import { somToTyiyn, type Tyiyn } from '#money';
import { ApiError, signedHeaders, signingKeyFrom } from '#platform';
import type { PayableServiceCode } from '../domain/payable-service.js';
import { PAYMENT_ROUTER_CONFIG, type PaymentRouterConfig } from '../payment-router.config.js';

export interface Favorite {
  id: string;
  name: string;
  service: PayableServiceCode;
  account: string;
  amount: Tyiyn | null;
}

/** Reads a subscriber's favorite (payment template) from the wallet's HTTP read API, as ServiceQueries does for check. */
@Injectable()
export class WalletFavorites {
  constructor(@Inject(PAYMENT_ROUTER_CONFIG) private readonly config: PaymentRouterConfig) {}

  /** The favorite, or null when the wallet has no such favorite (or no such wallet). */
  async find(phone: string, favoriteId: string): Promise<Favorite | null> {
    let res: Response;
    try {
      const url = new URL(`/v1/wallets/${phone}/favorites/${favoriteId}`, this.config.WALLET_URL).toString();
      const headers = await signedHeaders(signingKeyFrom(this.config.SERVICE_QUERY_KEY), { method: 'GET', url });
      res = await fetch(url, { headers, signal: AbortSignal.timeout(this.config.QUERY_TIMEOUT_MS) });
    } catch (e) {
      throw new ApiError(503, 'DEPENDENCY_UNAVAILABLE', `wallet did not answer: ${(e as Error).message}`);
    }
    if (res.status === 404) return null;
    if (!res.ok) throw new ApiError(503, 'DEPENDENCY_UNAVAILABLE', `wallet answered ${res.status}`);
    const f = (await res.json()) as Record<string, any>;
    return {
      id: f.id,
      name: f.name,
      service: f.service,
      account: f.account,
      amount: f.amount === null ? null : somToTyiyn(f.amount),
    };
  }
}
