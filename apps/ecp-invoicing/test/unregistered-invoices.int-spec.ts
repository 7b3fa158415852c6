import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EcpInvoicePaidV1, EcpInvoicePaymentRequestedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { DataSource } from 'typeorm';
import { generateInvoiceNumber } from '../src/domain/invoice-number.js';
import {
  InvoicesBelongToRegistrations1764806400000,
  WITHDRAWN_REASON,
} from '../src/persistence/migrations/1764806400000-invoices-belong-to-registrations.js';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { takeParked } from '../../../test/support/parked-store.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';

/**
 * Invoices the removed `POST /v1/ecp/invoices` issued by hand name a client nobody checked. The migration that made
 * every invoice a registration's withdraws the unpaid ones; a paid one is never certified.
 */
describe('invoices issued by hand before registrations were required, against real PostgreSQL and RabbitMQ', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;
  const unpaid = generateInvoiceNumber();
  const paid = generateInvoiceNumber();
  const paidBy = randomUUID();

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('ecp-invoicing', async () => (await import('../src/app.module.js')).AppModule, {
      ECP_EXPIRY_SWEEP_MS: '3600000',
    });

    // The database as it was before the migration, with what the old endpoint left in it; then the migration, as the
    // owner role runs migrations.
    const migration = new InvoicesBelongToRegistrations1764806400000();
    const owner = await new DataSource({ type: 'postgres', url: svc.ownerUrl }).initialize();
    const runner = owner.createQueryRunner();
    try {
      await migration.down(runner);
      for (const [number, status] of [
        [unpaid, 'ISSUED'],
        [paid, 'PAID'],
      ]) {
        await svc.db.query(
          `INSERT INTO invoices (number, client_name, inn, office, amount, status, issued_at, expires_at, paid_at, payment_id)
           VALUES ($1, 'ОсОО «Любое имя»', '09999999999999', 'ONLINE', 1, $2, now(), now() + interval '30 days',
                   CASE WHEN $2 = 'PAID' THEN now() END, CASE WHEN $2 = 'PAID' THEN $3::uuid END)`,
          [number, status, paidBy],
        );
        await svc.db.query(
          `INSERT INTO invoice_transitions (invoice_number, status, at, cause) VALUES ($1, 'ISSUED', now(), 'office:ONLINE')`,
          [number],
        );
      }
      await runner.startTransaction();
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
      await owner.destroy();
    }
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  const invoice = async (number: string) => (await http(svc.baseUrl, 'GET', `/v1/ecp/invoices/${number}`)).body;
  const eventFor = (type: string, invoiceNumber: string) =>
    eventually(() => {
      const [e] = tap.eventsOf(type).filter((x) => x.payload.invoiceNumber === invoiceNumber);
      expect(e).toBeDefined();
      return e;
    });

  it('cancels an unpaid one, with its event, so that its payment is refused and refunded', async () => {
    const got = await invoice(unpaid);
    expect(got).toMatchObject({
      status: 'CANCELLED',
      amountDue: '0.00',
      cancellationReason: WITHDRAWN_REASON,
      registration: null,
    });
    expect(got.history.map((h: { status: string; cause: string }) => `${h.status} ${h.cause}`)).toEqual([
      'ISSUED office:ONLINE',
      'CANCELLED migration:no-registration',
    ]);
    const cancelled = await eventFor('ecp.invoice-cancelled', unpaid);
    expect(cancelled.payload).toEqual({
      invoiceNumber: unpaid,
      reason: WITHDRAWN_REASON,
      cancelledAt: got.cancelledAt,
    });

    const paymentId = randomUUID();
    await tap.publish(
      buildEnvelope(
        EcpInvoicePaymentRequestedV1,
        {
          paymentId,
          invoiceNumber: unpaid,
          amount: '1',
          payerPhone: '996555000001',
          requestedAt: new Date().toISOString(),
        },
        'wallet',
        { correlationId: paymentId },
      ),
    );
    expect((await eventFor('ecp.invoice-payment-refused', unpaid)).payload).toMatchObject({
      paymentId,
      reason: 'INVOICE_CANCELLED',
    });
  });

  it('never certifies a paid one: its confirmation is parked as INVOICE_NOT_REGISTERED and nothing is produced', async () => {
    await tap.publish(
      buildEnvelope(
        EcpInvoicePaidV1,
        { paymentId: paidBy, invoiceNumber: paid, amount: '1', paidAt: new Date().toISOString() },
        'ecp-invoicing',
        {
          correlationId: paidBy,
        },
      ),
    );
    const parked = await eventually(async () => {
      const p = await takeParked(svc.db);
      expect(p).toHaveLength(1);
      return p;
    });
    expect(parked[0].code).toBe('INVOICE_NOT_REGISTERED');
    expect(await invoice(paid)).toMatchObject({
      status: 'PAID',
      signatureProductionStartedAt: null,
      certificate: null,
    });
    const { rows } = await svc.db.query(
      `SELECT (SELECT count(*) FROM certificates WHERE invoice_number = $1)::int AS certificates,
              (SELECT count(*) FROM signature_productions WHERE invoice_number = $1)::int AS productions`,
      [paid],
    );
    expect(rows[0]).toEqual({ certificates: 0, productions: 0 });
  });
});
