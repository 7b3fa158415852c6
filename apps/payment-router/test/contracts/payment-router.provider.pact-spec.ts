import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  EcpInvoicePaymentRefusedV1,
  EcpInvoicePaymentRequestedV1,
  SochiTopUpCreditedV1,
  SochiTopUpRefusedV1,
  SochiTopUpRequestedV1,
  WalletAutopaymentDueV1,
  WalletPaymentRefundedV1,
  WalletPaymentRejectedV1,
  type Envelope,
} from '#contracts';
import { buildEnvelope } from '#messaging';
import { consumersOf, expectedBy, verifyConsumerPact } from '../../../../test/contract/support/message-pact.js';
import { luhnValid, outboxed } from '../../../../test/contract/support/provider.js';
import { BrokerTap } from '../../../../test/support/broker-tap.js';
import { eventually } from '../../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../../test/support/service-harness.js';

const PHONE = '996555000001';
const INN = '01234567890123';

/** The router's real request and saga handlers produce every message its consumers rely on. */
describe('payment-router, as a producer', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('payment-router', async () => (await import('../../src/app.module.js')).AppModule);
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  async function accepted(service: 'SOCHI' | 'ECP', account: string) {
    const res = await http(
      svc.baseUrl,
      'POST',
      '/v1/payments',
      { phone: PHONE, service, account, amount: '150.00' },
      { 'Idempotency-Key': randomUUID() },
    );
    expect(res.status).toBe(202);
    return {
      id: res.body.id as string,
      requested: (await outboxed(svc.db, 'payment.requested', res.body.id)) as unknown as Envelope,
    };
  }

  /**
   * An ЭЦП payment ecp-invoicing refused while the router still awaits its debit: the wallet asked for the invoice
   * payment itself when it debited it (routing slip), so the router sees only the refusal, caused by that request.
   */
  async function refusedByInvoice(invoiceNumber: string) {
    const p = await accepted('ECP', invoiceNumber);
    const toInvoice = buildEnvelope(
      EcpInvoicePaymentRequestedV1,
      { paymentId: p.id, invoiceNumber, amount: '15000', payerPhone: PHONE, requestedAt: new Date().toISOString() },
      'wallet',
      p.requested,
    );
    await tap.publish(
      buildEnvelope(
        EcpInvoicePaymentRefusedV1,
        {
          paymentId: p.id,
          invoiceNumber,
          reason: 'INVOICE_EXPIRED',
          amountDue: null,
          refusedAt: new Date().toISOString(),
        },
        'ecp-invoicing',
        toInvoice,
      ),
    );
    return p;
  }

  /** A payment an autopayment run started (the wallet's due event, played by the tap), as far as AWAITING_DEBIT. */
  async function autopaymentPayment() {
    const runId = randomUUID();
    const due = {
      runId,
      autopaymentId: randomUUID(),
      phone: PHONE,
      service: 'SOCHI' as const,
      account: INN,
      amount: '15000',
      scheduledFor: new Date().toISOString(),
    };
    await tap.publish(buildEnvelope(WalletAutopaymentDueV1, due, 'wallet', { correlationId: runId }));
    const id = await eventually(async () => {
      const { rows } = await svc.db.query(`SELECT id FROM payments WHERE idempotency_key = $1`, [
        `autopayment:${runId}`,
      ]);
      expect(rows).toHaveLength(1);
      return rows[0].id as string;
    });
    return { id, requested: (await outboxed(svc.db, 'payment.requested', id)) as unknown as Envelope };
  }

  /**
   * The top-up the wallet asks sochi-balance for when it debits a СОЧИ payment (routing slip): the router never sees
   * it, only sochi-balance's answer, caused by it.
   */
  const walletAsksSochi = (p: { id: string; requested: Envelope }) =>
    buildEnvelope(
      SochiTopUpRequestedV1,
      { paymentId: p.id, inn: INN, amount: '15000', payerPhone: PHONE, requestedAt: new Date().toISOString() },
      'wallet',
      p.requested,
    );

  async function sentToSochiAutopayment() {
    const p = await autopaymentPayment();
    return { ...p, toSochi: walletAsksSochi(p) };
  }

  const produces = {
    'payment.completed.v1': async () => {
      const p = await sentToSochiAutopayment();
      await tap.publish(
        buildEnvelope(
          SochiTopUpCreditedV1,
          { paymentId: p.id, inn: INN, amount: '15000', creditedAt: new Date().toISOString() },
          'sochi-balance',
          p.toSochi,
        ),
      );
      return outboxed(svc.db, 'payment.completed', p.id);
    },
    'payment.rejected.v1': async () => {
      const p = await autopaymentPayment();
      await tap.publish(
        buildEnvelope(
          WalletPaymentRejectedV1,
          { paymentId: p.id, phone: PHONE, reason: 'INSUFFICIENT_FUNDS', rejectedAt: new Date().toISOString() },
          'wallet',
          p.requested,
        ),
      );
      return outboxed(svc.db, 'payment.rejected', p.id);
    },
    'payment.refunded.v1': async () => {
      const p = await sentToSochiAutopayment();
      await tap.publish(
        buildEnvelope(
          SochiTopUpRefusedV1,
          { paymentId: p.id, inn: INN, reason: 'UNKNOWN_INN', refusedAt: new Date().toISOString() },
          'sochi-balance',
          p.toSochi,
        ),
      );
      const refund = (await outboxed(svc.db, 'payment.refund-requested', p.id)) as unknown as Envelope;
      await tap.publish(
        buildEnvelope(
          WalletPaymentRefundedV1,
          { paymentId: p.id, phone: PHONE, amount: '15000', refundedAt: new Date().toISOString() },
          'wallet',
          refund,
        ),
      );
      return outboxed(svc.db, 'payment.refunded', p.id);
    },
    'payment.requested.v1': async () => (await accepted('SOCHI', INN)).requested,
    // An ЭЦП refusal here, a СОЧИ one on the way to payment.refunded.v1: the refund request is the same for both.
    'payment.refund-requested.v1': async () =>
      outboxed(svc.db, 'payment.refund-requested', (await refusedByInvoice(luhnValid('400000000000000'))).id),
  };

  it('has consumers with pacts', () => expect(consumersOf('payment-router').length).toBeGreaterThan(0));

  it.each(consumersOf('payment-router'))('satisfies the pact of %s', async (consumer) => {
    expect(Object.keys(produces)).toEqual(expect.arrayContaining(expectedBy(consumer, 'payment-router')));
    await verifyConsumerPact('payment-router', consumer, produces);
  });
});
