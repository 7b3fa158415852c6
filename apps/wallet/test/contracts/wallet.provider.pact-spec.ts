import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { PaymentRefundRequestedV1, PaymentRequestedV1, type PayableService } from '#contracts';
import { buildEnvelope } from '#messaging';
import { consumersOf, expectedBy, verifyConsumerPact } from '../../../../test/contract/support/message-pact.js';
import { outboxed } from '../../../../test/contract/support/provider.js';
import { BrokerTap } from '../../../../test/support/broker-tap.js';
import { eventually } from '../../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../../test/support/service-harness.js';
import { AutopaymentScheduler } from '../../src/run-autopayments/autopayment-scheduler.js';

/** Where the provider states pay: an organization's INN (СОЧИ), an invoice number (ЭЦП). */
const ACCOUNT_OF: Record<PayableService, string> = { SOCHI: '01234567890123', ECP: '4000000000000002' };

/** The wallet's real debit, refund and autopayment handlers produce every message its consumers rely on. */
describe('wallet, as a producer', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;
  let phones = 0;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('wallet', async () => (await import('../../src/app.module.js')).AppModule);
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  /** A payment request to the wallet's consumer, from a wallet with the money (`funded`) or without one. */
  async function requestPayment(service: PayableService, funded: boolean) {
    const phone = `99655590${String(++phones).padStart(4, '0')}`;
    if (funded) {
      expect((await http(svc.baseUrl, 'POST', '/v1/wallets', { phone })).status).toBe(201);
      expect(
        (
          await http(
            svc.baseUrl,
            'POST',
            `/v1/wallets/${phone}/top-ups`,
            { amount: '500.00' },
            { 'Idempotency-Key': randomUUID() },
          )
        ).status,
      ).toBe(201);
    }
    const paymentId = randomUUID();
    const requested = buildEnvelope(
      PaymentRequestedV1,
      {
        paymentId,
        phone,
        service,
        account: ACCOUNT_OF[service],
        amount: '15000',
        requestedAt: new Date().toISOString(),
      },
      'payment-router',
      { correlationId: paymentId },
    );
    await tap.publish(requested);
    return { paymentId, phone, requested };
  }

  /** The due event of an autopayment set up to run now, as the scheduler writes it to the outbox. */
  async function autopaymentDue() {
    const phone = `99655591${String(++phones).padStart(4, '0')}`;
    expect((await http(svc.baseUrl, 'POST', '/v1/wallets', { phone })).status).toBe(201);
    const fav = await http(svc.baseUrl, 'POST', `/v1/wallets/${phone}/favorites`, {
      name: 'Налоги',
      service: 'SOCHI',
      account: '01234567890123',
      amount: '150.00',
    });
    const ap = await http(svc.baseUrl, 'POST', `/v1/wallets/${phone}/autopayments`, {
      favoriteId: fav.body.id,
      schedule: { kind: 'MONTHLY', dayOfMonth: 5, time: '09:00' },
      startAt: new Date().toISOString(),
    });
    expect(ap.status).toBe(201);
    await svc.app.get(AutopaymentScheduler).run(new Date(Date.now() + 1000));
    return eventually(async () => {
      const { rows } = await svc.db.query(
        `SELECT envelope FROM outbox WHERE type = 'wallet.autopayment-due' AND envelope->'payload'->>'autopaymentId' = $1`,
        [ap.body.id],
      );
      expect(rows).toHaveLength(1);
      return rows[0].envelope as Record<string, unknown>;
    });
  }

  // A debit is sent on to its payee (a routing slip): a СОЧИ one as sochi-balance's top-up request, an ЭЦП one as
  // ecp-invoicing's invoice payment request.
  const produces = {
    'wallet.autopayment-due.v1': autopaymentDue,
    'sochi.top-up-requested.v1': async () =>
      outboxed(svc.db, 'sochi.top-up-requested', (await requestPayment('SOCHI', true)).paymentId),
    'ecp.invoice-payment-requested.v1': async () =>
      outboxed(svc.db, 'ecp.invoice-payment-requested', (await requestPayment('ECP', true)).paymentId),
    'wallet.payment-rejected.v1': async () =>
      outboxed(svc.db, 'wallet.payment-rejected', (await requestPayment('SOCHI', false)).paymentId),
    // The refund of a СОЧИ top-up sochi-balance refused.
    'wallet.payment-refunded.v1': async () => {
      const p = await requestPayment('SOCHI', true);
      await outboxed(svc.db, 'sochi.top-up-requested', p.paymentId);
      await tap.publish(
        buildEnvelope(
          PaymentRefundRequestedV1,
          {
            paymentId: p.paymentId,
            phone: p.phone,
            amount: '15000',
            reason: 'UNKNOWN_INN',
            requestedAt: new Date().toISOString(),
          },
          'payment-router',
          p.requested,
        ),
      );
      return outboxed(svc.db, 'wallet.payment-refunded', p.paymentId);
    },
  };

  it('has consumers with pacts', () => expect(consumersOf('wallet').length).toBeGreaterThan(0));

  it.each(consumersOf('wallet'))('satisfies the pact of %s', async (consumer) => {
    expect(Object.keys(produces)).toEqual(expect.arrayContaining(expectedBy(consumer, 'wallet')));
    await verifyConsumerPact('wallet', consumer, produces);
  });
});
