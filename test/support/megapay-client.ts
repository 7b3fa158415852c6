import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { somToTyiyn } from '#money';
import { http } from './service-harness.js';
import { eventually } from './eventually.js';
import type { RunningSystem } from './system.js';

export type PaymentBody = { phone: string; service: 'SOCHI' | 'ECP'; account: string; amount: string };

/** The HTTP calls the MegaPay backend and Dos Tek's staff make, against a running system. */
export class MegaPayClient {
  private calls = 0;

  constructor(private readonly system: RunningSystem) {}

  /** Spreads calls over every running instance of a service, as a load balancer would. */
  private at(service: Parameters<RunningSystem['url']>[0]): string {
    return this.system.url(service, this.calls++ % this.system.instances);
  }

  async createWallet(phone: string, topUp?: string) {
    const res = await http(this.at('wallet'), 'POST', '/v1/wallets', { phone });
    expect(res.status).toBe(201);
    if (topUp) await this.topUp(phone, topUp);
    return res.body;
  }

  async topUp(phone: string, amount: string, key: string = randomUUID()) {
    const res = await http(
      this.at('wallet'),
      'POST',
      `/v1/wallets/${phone}/top-ups`,
      { amount },
      { 'Idempotency-Key': key },
    );
    expect(res.status).toBe(201);
    return res.body;
  }

  async wallet(phone: string) {
    return (await http(this.at('wallet'), 'GET', `/v1/wallets/${phone}`)).body;
  }

  async operations(phone: string) {
    return (await http(this.at('wallet'), 'GET', `/v1/wallets/${phone}/operations?limit=200`)).body.items as Array<{
      kind: string;
      amount: string;
      paymentId: string | null;
    }>;
  }

  async registerOrganization(inn: string, name: string) {
    const res = await http(this.at('sochi-balance'), 'POST', '/v1/sochi/organizations', { inn, name });
    expect(res.status).toBe(201);
    return res.body;
  }

  async organization(inn: string) {
    return (await http(this.at('sochi-balance'), 'GET', `/v1/sochi/organizations/${inn}`)).body;
  }

  /**
   * A new ЭЦП client registers for a cloud-key product (at an office, or online), which issues the invoice for the
   * product's current price: the only way an invoice comes to be. Returns the invoice and the registration's id.
   */
  async registerClient(
    productCode: 'DIRECTOR_CLOUD' | 'ACCOUNTANT_CLOUD' = 'DIRECTOR_CLOUD',
    office: 'OSH' | 'JALAL_ABAD' | 'ONLINE' = 'OSH',
  ) {
    const res = await http(this.at('ecp-invoicing'), 'POST', '/v1/ecp/registrations', {
      office,
      organizationName: 'ИП Асанов Бакыт',
      inn: '22222222222222',
      signerName: 'Асанов Бакыт Асанович',
      signerRole: 'Индивидуальный предприниматель',
      phone: '996555000009',
      productCode,
    });
    expect(res.status).toBe(201);
    return {
      registrationId: res.body.id as string,
      ...(res.body.invoice as { number: string; status: string; amount: string }),
    };
  }

  /** Staff set a product's price: invoices issued from then on are for it. */
  async setPrice(productCode: string, price: string) {
    const res = await http(this.at('ecp-invoicing'), 'PUT', `/v1/ecp/products/${productCode}`, { price });
    expect(res.status).toBe(200);
  }

  async invoice(number: string) {
    return (await http(this.at('ecp-invoicing'), 'GET', `/v1/ecp/invoices/${number}`)).body;
  }

  check(body: PaymentBody) {
    return http(this.at('payment-router'), 'POST', '/v1/payments/check', body);
  }

  /** As MegaPay's backend does: a 503 (the database busy or away) is sent again, with the same Idempotency-Key. */
  pay(body: PaymentBody, key: string = randomUUID()) {
    return retryingUnavailable(() =>
      http(this.at('payment-router'), 'POST', '/v1/payments', body, { 'Idempotency-Key': key }),
    );
  }

  async payment(id: string) {
    return (await retryingUnavailable(() => http(this.at('payment-router'), 'GET', `/v1/payments/${id}`))).body;
  }

  /** Polls until the payment leaves PENDING. */
  async settled(id: string, timeoutMs = 20_000) {
    return eventually(
      async () => {
        const p = await this.payment(id);
        expect(p.status).not.toBe('PENDING');
        return p;
      },
      timeoutMs,
      25,
    );
  }

  /** Pays and waits for the final state. */
  async payAndSettle(body: PaymentBody) {
    const res = await this.pay(body);
    expect(res.status).toBe(202);
    return this.settled(res.body.id);
  }
}

export const tyiyn = somToTyiyn;

async function retryingUnavailable<R extends { status: number }>(call: () => Promise<R>, attempts = 20): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const res = await call();
    if (res.status !== 503 || attempt >= attempts) return res;
    await new Promise((r) => setTimeout(r, 100 * Math.min(attempt, 5)));
  }
}
