import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { EcpInvoicePaymentRequestedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { CLOCK } from '#platform';
import { CA_SEAL_CONTEXT, CertificateAuthority } from '../src/certificates/certificate-authority.js';
import { KeySealer, legacyKeyId } from '../src/certificates/key-sealer.js';
import { cloudKeyContext } from '../src/certificates/x509-signature.producer.js';
import { ECP_INVOICING_CONFIG } from '../src/ecp-invoicing.config.js';
import { resealKeys } from '../src/reseal-keys/reseal-keys.js';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';

const A = { id: 'kek-a', key: randomBytes(32) };
const B = { id: 'kek-b', key: randomBytes(32) };

/** Key rotation: stored keys sealed under A, the ring rotated to [B, A], re-sealed, A dropped: everything still opens. */
describe('ecp-invoicing key-encryption key rotation, against real PostgreSQL', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;
  let pool: pg.Pool;
  const cloudInvoices: string[] = [];

  beforeAll(async () => {
    tap = await BrokerTap.open();
    svc = await startService('ecp-invoicing', async () => (await import('../src/app.module.js')).AppModule, {
      ECP_KEY_ENCRYPTION_KEYS: `${A.id}:${A.key.toString('base64')}`,
      ECP_EXPIRY_SWEEP_MS: '3600000',
    });
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    for (const inn of ['01234567890123', '01234567890124', '01234567890125']) {
      const reg = await http(svc.baseUrl, 'POST', '/v1/ecp/registrations', {
        office: 'OSH',
        organizationName: 'ОсОО «Ротация»',
        inn,
        signerName: 'Асанов Бакыт',
        signerRole: 'Директор',
        phone: '996555123456',
        productCode: 'DIRECTOR_CLOUD',
      });
      expect(reg.status).toBe(201);
      const { number, amount } = reg.body.invoice as { number: string; amount: string };
      const paymentId = randomUUID();
      const tyiyn = amount.replace('.', '');
      await tap.publish(
        buildEnvelope(
          EcpInvoicePaymentRequestedV1,
          {
            paymentId,
            invoiceNumber: number,
            amount: tyiyn,
            payerPhone: '996555000001',
            requestedAt: new Date().toISOString(),
          },
          'wallet',
          { correlationId: paymentId },
        ),
      );
      cloudInvoices.push(number);
    }
    await eventually(async () => {
      const { rows } = await svc.db.query(`SELECT count(*)::int AS n FROM certificates WHERE key_source = 'CLOUD'`);
      expect(rows[0].n).toBe(cloudInvoices.length);
    }, 20_000);
  });

  afterAll(async () => {
    await pool?.end();
    await svc?.close();
    await tap?.close();
  });

  const stored = async () =>
    (
      await svc.db
        .query(`SELECT invoice_number AS row, private_key_sealed AS sealed, key_encryption_key_id AS key_id FROM certificates WHERE private_key_sealed IS NOT NULL
                          UNION ALL SELECT 'ca', private_key_sealed, key_encryption_key_id FROM certificate_authority`)
    ).rows as { row: string; sealed: Buffer; key_id: string }[];
  const contextOf = (row: string) => (row === 'ca' ? CA_SEAL_CONTEXT : cloudKeyContext(row.trim()));

  it('re-seals every stored key under the new first key, row by row; with the old key dropped everything still opens', async () => {
    // One row as sealed before key ids were configured: recorded by the key's fingerprint.
    await svc.db.query(`UPDATE certificates SET key_encryption_key_id = $1 WHERE invoice_number = $2`, [
      legacyKeyId(A.key),
      cloudInvoices[0],
    ]);
    const before = await stored();
    expect(before).toHaveLength(cloudInvoices.length + 1);
    expect(new Set(before.map((r) => r.key_id))).toEqual(new Set([A.id, legacyKeyId(A.key)]));
    const plaintexts = new Map(
      before.map((r) => [r.row, new KeySealer([A]).open(r.sealed, r.key_id, contextOf(r.row))]),
    );

    // Rotation: [B, A] everywhere, then the re-seal (in batches of 2, so it pages), while the service keeps serving.
    const rotated = new KeySealer([B, A]);
    const report = await resealKeys(pool, rotated, { batch: 2 });
    expect(report).toEqual({ resealed: before.length, alreadyCurrent: 0, failed: [] });
    expect((await http(svc.baseUrl, 'GET', `/v1/ecp/invoices/${cloudInvoices[1]}`)).status).toBe(200);

    const after = await stored();
    expect(after.every((r) => r.key_id === B.id)).toBe(true);
    const onlyB = new KeySealer([B]);
    for (const r of after) expect(onlyB.open(r.sealed, r.key_id, contextOf(r.row))).toEqual(plaintexts.get(r.row));
    // The development CA loads under B alone, as a service restarted without A would load it.
    const config = svc.app.get(ECP_INVOICING_CONFIG);
    const ca = new CertificateAuthority(svc.app.get(DataSource), config, onlyB, svc.app.get(CLOCK));
    expect((await ca.ready()).certificate.toString('pem')).toBe(await (await fetch(`${svc.baseUrl}/v1/ecp/ca`)).text());

    // Run again: nothing left to do.
    expect(await resealKeys(pool, rotated)).toEqual({ resealed: 0, alreadyCurrent: 0, failed: [] });
  });

  it('names the rows it cannot open rather than stop, and changes nothing in them', async () => {
    const unknown = { id: 'kek-c', key: randomBytes(32) };
    await svc.db.query(`UPDATE certificates SET key_encryption_key_id = 'kek-lost' WHERE invoice_number = $1`, [
      cloudInvoices[2],
    ]);
    const report = await resealKeys(pool, new KeySealer([unknown, B]));
    expect(report.resealed).toBe(cloudInvoices.length); // the other two and the CA
    expect(report.failed).toEqual([
      { row: `certificates ${cloudInvoices[2]}`, reason: expect.stringContaining('"kek-lost"') },
    ]);
    const { rows } = await svc.db.query(`SELECT key_encryption_key_id FROM certificates WHERE invoice_number = $1`, [
      cloudInvoices[2],
    ]);
    expect(rows[0].key_encryption_key_id).toBe('kek-lost');
  });
});
