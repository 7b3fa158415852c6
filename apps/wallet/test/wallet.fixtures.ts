import { randomUUID } from 'node:crypto';
import { PaymentRefundRequestedV1, PaymentRequestedV1, type Envelope, type PayableService } from '#contracts';
import { buildEnvelope } from '#messaging';
import type { BrokerTap } from '../../../test/support/broker-tap.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, type ServiceUnderTest } from '../../../test/support/service-harness.js';

let nextPhone = 0;
/** A fresh, valid phone per call, so tests in one database do not share wallets. */
export const newPhone = () => `996700${String(++nextPhone).padStart(6, '0')}`;

export function walletApi(svc: ServiceUnderTest) {
  return {
    create: (phone: string) => http(svc.baseUrl, 'POST', '/v1/wallets', { phone }),
    get: (phone: string) => http(svc.baseUrl, 'GET', `/v1/wallets/${phone}`),
    /** A top-up; a null key sends no Idempotency-Key header. */
    topUp: (phone: string, body: unknown, key: string | null = randomUUID()) =>
      http(svc.baseUrl, 'POST', `/v1/wallets/${phone}/top-ups`, body, key === null ? {} : { 'Idempotency-Key': key }),
    operations: (phone: string, query = '') => http(svc.baseUrl, 'GET', `/v1/wallets/${phone}/operations${query}`),
    /** A wallet opened and topped up with `som` ("500.00"). */
    async funded(som: string): Promise<string> {
      const phone = newPhone();
      if ((await this.create(phone)).status !== 201) throw new Error('could not open a wallet');
      if ((await this.topUp(phone, { amount: som })).status !== 201) throw new Error('could not top up');
      return phone;
    },
    async balance(phone: string): Promise<string> {
      return (await this.get(phone)).body.balance;
    },
  };
}

/** Where test payments go: an organization's INN (СОЧИ) and an invoice number with a valid check digit (ЭЦП). */
export const SOCHI_INN = '01234567890123';
export const ECP_INVOICE = '4000000000000002';

/** A СОЧИ top-up request as the router publishes it; amount in tyiyn digits. */
export function paymentRequested(
  phone: string,
  amount: string,
  paymentId: string = randomUUID(),
  requestedAt = new Date(),
) {
  return requestedFor('SOCHI', SOCHI_INN, phone, amount, paymentId, requestedAt);
}

/** An ЭЦП invoice payment request as the router publishes it; amount in tyiyn digits. */
export function ecpPaymentRequested(phone: string, amount: string, paymentId: string = randomUUID()) {
  return requestedFor('ECP', ECP_INVOICE, phone, amount, paymentId, new Date());
}

/** A payment request, of either service, as the wallet receives it. */
export type PaymentRequest = ReturnType<typeof requestedFor>;

function requestedFor(
  service: PayableService,
  account: string,
  phone: string,
  amount: string,
  paymentId: string,
  requestedAt: Date,
) {
  return buildEnvelope(
    PaymentRequestedV1,
    { paymentId, phone, service, account, amount, requestedAt: requestedAt.toISOString() },
    'payment-router',
    { correlationId: paymentId },
  );
}

/**
 * The event the wallet publishes when it debits a payment of this service: the routing slip sends it straight to its
 * payee, a СОЧИ top-up to sochi-balance, an ЭЦП payment to ecp-invoicing.
 */
export const debitEventOf = (service: PayableService) =>
  service === 'SOCHI' ? 'sochi.top-up-requested' : 'ecp.invoice-payment-requested';

/** The event the wallet sent when it debited this requested payment, once it has reached the broker. */
export function debitFor(tap: BrokerTap, request: PaymentRequest): Promise<Envelope<any>> {
  return eventFor(tap, debitEventOf(request.payload.service), request.payload.paymentId);
}

/** Every debit event, of either kind, the broker carried about these payments (a duplicate would show twice). */
export function debitsOf(tap: BrokerTap, paymentIds: Iterable<string>): Envelope<any>[] {
  const ids = new Set(paymentIds);
  return [...tap.eventsOf(debitEventOf('SOCHI')), ...tap.eventsOf(debitEventOf('ECP'))].filter((e) =>
    ids.has(e.payload.paymentId),
  );
}

export function refundRequested(phone: string, amount: string, paymentId: string) {
  return buildEnvelope(
    PaymentRefundRequestedV1,
    { paymentId, phone, amount, reason: 'UNKNOWN_INN', requestedAt: new Date().toISOString() },
    'payment-router',
    { correlationId: paymentId },
  );
}

/** The one event of `type` about this payment, once it has reached the broker. */
export function eventFor(tap: BrokerTap, type: string, paymentId: string): Promise<Envelope<any>> {
  return eventually(() => {
    const [e] = tap.eventsOf(type).filter((x) => x.payload.paymentId === paymentId);
    if (!e) throw new Error(`no ${type} for payment ${paymentId} yet`);
    return e;
  });
}

/**
 * Waits until the wallet consumer committed each of these message ids (with or without an effect) and its queue is
 * empty, lets any in-flight duplicate finish, then publishes the pending outbox.
 */
export async function consumed(svc: ServiceUnderTest, tap: BrokerTap, messageIds: string[]): Promise<void> {
  await eventually(async () => {
    const { rows } = await svc.db.query(
      `SELECT count(DISTINCT message_id)::int AS n FROM inbox WHERE message_id = ANY($1::uuid[])`,
      [messageIds],
    );
    if (rows[0].n !== new Set(messageIds).size)
      throw new Error(`${rows[0].n} of ${messageIds.length} messages consumed`);
    if ((await tap.queueDepth('wallet.events')) !== 0) throw new Error('wallet.events not drained');
  }, 20_000);
  await new Promise((r) => setTimeout(r, 300));
  await svc.flushOutbox();
}
