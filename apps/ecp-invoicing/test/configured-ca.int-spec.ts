import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EcpInvoicePaymentRequestedV1 } from '#contracts';
import { buildEnvelope } from '#messaging';
import { BrokerTap } from '../../../test/support/broker-tap.js';
import { eventually } from '../../../test/support/eventually.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { opensslShow, opensslVerify } from './certificate-tools.js';
import { signedFetch } from '../../../test/support/test-credentials.js';

const ENV_KEYS = ['ECP_CA_CERT_PEM', 'ECP_CA_KEY_PEM', 'ECP_KEY_ENCRYPTION_KEYS'];

/** Production configuration: the CA and the key-encryption key come from the environment. */
describe('ecp-invoicing with a CA from the environment', () => {
  let svc: ServiceUnderTest;
  let tap: BrokerTap;
  let caPem: string;

  beforeAll(async () => {
    // The CA as an operator would make it, with openssl (RSA 2048), outside the service.
    const dir = mkdtempSync(join(tmpdir(), 'ecp-ca-'));
    try {
      execFileSync(
        '/usr/bin/openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          join(dir, 'ca.key'),
          '-out',
          join(dir, 'ca.pem'),
          '-days',
          '3650',
          '-subj',
          '/C=KG/O=Dos Tek Group/CN=Dos Tek Test Root CA',
          '-addext',
          'basicConstraints=critical,CA:TRUE',
          '-addext',
          'keyUsage=critical,keyCertSign,cRLSign',
        ],
        { stdio: 'ignore' },
      );
      caPem = readFileSync(join(dir, 'ca.pem'), 'utf8');
      tap = await BrokerTap.open();
      svc = await startService('ecp-invoicing', async () => (await import('../src/app.module.js')).AppModule, {
        ECP_CA_CERT_PEM: caPem,
        // As it often arrives from an env file: one line, with \n for the line breaks.
        ECP_CA_KEY_PEM: readFileSync(join(dir, 'ca.key'), 'utf8').replace(/\n/g, '\\n'),
        ECP_KEY_ENCRYPTION_KEYS: `production-1:${randomBytes(32).toString('base64')}`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  afterAll(async () => {
    await svc?.close();
    await tap?.close();
    for (const k of ENV_KEYS) delete process.env[k];
  });

  it('serves the configured CA, stores none, and issues certificates that chain to it', async () => {
    const served = await (await fetch(`${svc.baseUrl}/v1/ecp/ca`)).text();
    expect(served.replace(/\s/g, '')).toBe(caPem.replace(/\s/g, ''));
    expect((await svc.db.query(`SELECT count(*)::int AS n FROM certificate_authority`)).rows[0].n).toBe(0);

    const reg = await http(svc.baseUrl, 'POST', '/v1/ecp/registrations', {
      office: 'OSH',
      organizationName: 'ОсОО «Продакшн»',
      inn: '01234567890123',
      signerName: 'Бекова Жылдыз',
      signerRole: 'Главный бухгалтер',
      phone: '996555000777',
      productCode: 'ACCOUNTANT_CLOUD',
    });
    expect(reg.status).toBe(201);
    const number = reg.body.invoice.number;
    const paymentId = randomUUID();
    await tap.publish(
      buildEnvelope(
        EcpInvoicePaymentRequestedV1,
        {
          paymentId,
          invoiceNumber: number,
          amount: '142000',
          payerPhone: '996555000001',
          requestedAt: new Date().toISOString(),
        },
        'wallet',
        { correlationId: paymentId },
      ),
    );
    await eventually(async () =>
      expect((await http(svc.baseUrl, 'GET', `/v1/ecp/invoices/${number}`)).body.status).toBe('SIGNATURE_PRODUCED'),
    );
    const cert = await (await signedFetch(`${svc.baseUrl}/v1/ecp/invoices/${number}/certificate`)).text();
    expect(opensslVerify(caPem, cert)).toMatch(/: OK$/);
    expect(opensslShow(cert).subject).toBe(
      'C=KG, O=ОсОО «Продакшн», serialNumber=01234567890123, title=Главный бухгалтер, CN=Бекова Жылдыз',
    );
  });
});
