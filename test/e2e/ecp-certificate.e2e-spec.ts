import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { somToTyiyn } from '#money';
import { BrokerTap } from '../support/broker-tap.js';
import { eventually } from '../support/eventually.js';
import { MegaPayClient } from '../support/megapay-client.js';
import { auditMoney, expectMessagingSettled, type Ledgers } from '../support/money-audit.js';
import { http } from '../support/service-harness.js';
import { RunningSystem } from '../support/system.js';
import { signedFetch } from '../support/test-credentials.js';

const PAYER = '996555400001';
const INN = '01234567890123';

/** `openssl <args>` on PEM files in a fresh temporary directory. */
function openssl(files: Record<string, string>, args: (dir: string) => string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecp-e2e-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return execFileSync('/usr/bin/openssl', args(dir), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A PKCS#10 request made as on a client's token: a fresh ECDSA P-256 key, the request signed by it. */
const tokenCsr = () =>
  openssl({}, (d) => [
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    join(d, 'key.pem'),
    '-subj',
    '/CN=Rutoken ECP',
  ]);

/** A one-digit typo of a number: what the Luhn check digit is there to catch. */
const mistype = (n: string) => n.slice(0, 5) + ((Number(n[5]) + 1) % 10) + n.slice(6);

/** A new client registers, gets an invoice, pays it from MegaPay, and downloads the certificate, as four processes. */
describe('ЭЦП from registration to a certificate, end to end', () => {
  let system: RunningSystem;
  let api: MegaPayClient;
  let tap: BrokerTap;
  let ecp: string;
  const ledgers: Ledgers = { wallets: [PAYER], organizations: [], invoices: [], toppedUp: 0n };

  beforeAll(async () => {
    tap = await BrokerTap.open(); // empties every queue of the test vhost
    system = await RunningSystem.start({
      dbPrefix: 'dostek_cert_',
      basePort: 4400,
      env: { ECP_EXPIRY_SWEEP_MS: '300' },
    });
    api = new MegaPayClient(system);
    ecp = system.url('ecp-invoicing');
    await api.createWallet(PAYER);
    await api.topUp(PAYER, '5000.00');
    ledgers.toppedUp += somToTyiyn('5000.00');
  });

  afterAll(async () => {
    await system?.stop();
    await tap?.close();
  });

  const register = async (productCode: string, office = 'OSH') => {
    const res = await http(ecp, 'POST', '/v1/ecp/registrations', {
      office,
      organizationName: 'ОсОО «Ош Агро»',
      inn: INN,
      signerName: 'Маматов Нурлан Маматович',
      signerRole: 'Директор',
      phone: '996770123456',
      productCode,
      ...(productCode === 'RUTOKEN' ? { csr: tokenCsr() } : {}),
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('registers, checks (amount due; a mistyped number refused), pays, completes, and serves a certificate that verifies against the CA', async () => {
    const reg = await register('DIRECTOR_CLOUD');
    const number: string = reg.invoice.number;
    expect(reg.invoice).toMatchObject({ amount: '1510.00', status: 'ISSUED' });
    ledgers.invoices.push(number);

    const check = await api.check({ phone: PAYER, service: 'ECP', account: number, amount: '1510.00' });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({
      payable: true,
      problems: [],
      amountDue: '1510.00',
      holderName: 'ОсОО «Ош Агро»',
    });
    const short = await api.check({ phone: PAYER, service: 'ECP', account: number, amount: '1500.00' });
    expect(short.body).toMatchObject({
      payable: false,
      amountDue: '1510.00',
      problems: [expect.objectContaining({ code: 'AMOUNT_MISMATCH' })],
    });

    const typo = mistype(number);
    for (const res of [
      await api.check({ phone: PAYER, service: 'ECP', account: typo, amount: '1510.00' }),
      await api.pay({ phone: PAYER, service: 'ECP', account: typo, amount: '1510.00' }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: 'account', code: 'INVALID_INVOICE_NUMBER' })],
      });
    }
    expect((await api.wallet(PAYER)).balance).toBe('5000.00');

    const payment = await api.payAndSettle({ phone: PAYER, service: 'ECP', account: number, amount: '1510.00' });
    expect(payment).toMatchObject({ status: 'COMPLETED', reason: null });
    expect((await api.wallet(PAYER)).balance).toBe('3490.00');

    const produced = await eventually(async () => {
      const inv = await api.invoice(number);
      expect(inv.status).toBe('SIGNATURE_PRODUCED');
      return inv;
    });
    expect(produced).toMatchObject({ paymentId: payment.id, amountDue: '0.00', certificate: { keySource: 'CLOUD' } });
    await eventually(async () => expect((await api.payment(payment.id)).signatureProducedAt).toBeTruthy());

    const certRes = await signedFetch(`${ecp}/v1/ecp/invoices/${number}/certificate`);
    expect(certRes.status).toBe(200);
    expect(certRes.headers.get('content-type')).toMatch(/^application\/x-pem-file/);
    const certPem = await certRes.text();
    const caPem = await (await fetch(`${ecp}/v1/ecp/ca`)).text();
    expect(
      openssl({ 'ca.pem': caPem, 'cert.pem': certPem }, (d) => [
        'verify',
        '-CAfile',
        join(d, 'ca.pem'),
        join(d, 'cert.pem'),
      ]),
    ).toMatch(/cert\.pem: OK$/);
    const subject = openssl({ 'cert.pem': certPem }, (d) => [
      'x509',
      '-in',
      join(d, 'cert.pem'),
      '-noout',
      '-subject',
      '-nameopt',
      'utf8,sep_comma_plus_space',
    ]);
    expect(subject).toBe(
      'subject=C=KG, O=ОсОО «Ош Агро», serialNumber=01234567890123, title=Директор, CN=Маматов Нурлан Маматович',
    );
  });

  it('refunds the payment of an expired invoice with INVOICE_EXPIRED, the periodic job having expired it; staff re-issue it, and the new one is paid', async () => {
    const reg = await register('RUTOKEN', 'JALAL_ABAD');
    const number: string = reg.invoice.number;
    // Thirty-one days pass: the invoice's thirty days ran out yesterday.
    const db = await system.db('ecp-invoicing');
    await db.query(
      `UPDATE invoices SET issued_at = now() - interval '31 days', expires_at = now() - interval '1 day' WHERE number = $1`,
      [number],
    );
    const expired = await eventually(async () => {
      const inv = await api.invoice(number);
      expect(inv.expiredAt).toBeTruthy();
      return inv;
    });
    expect(expired).toMatchObject({ status: 'EXPIRED', amountDue: '0.00' });
    expect(expired.history.at(-1)).toMatchObject({ status: 'EXPIRED', cause: 'expiry:sweep' });

    const check = await api.check({ phone: PAYER, service: 'ECP', account: number, amount: '1200.00' });
    expect(check.body).toMatchObject({
      payable: false,
      problems: [expect.objectContaining({ code: 'INVOICE_EXPIRED' })],
    });

    const before = await api.wallet(PAYER);
    const payment = await api.payAndSettle({ phone: PAYER, service: 'ECP', account: number, amount: '1200.00' });
    expect(payment).toMatchObject({ status: 'REFUNDED', reason: 'INVOICE_EXPIRED' });
    expect(payment.reasonMessage).toMatch(/Срок оплаты счета истек/);
    await eventually(async () =>
      expect(await api.wallet(PAYER)).toMatchObject({ balance: before.balance, monthTurnover: before.monthTurnover }),
    );
    expect((await api.invoice(number)).status).toBe('EXPIRED');

    // Billing staff issue the registration a new invoice, at the product's price; the client pays that one.
    const reissued = await http(ecp, 'POST', `/v1/ecp/registrations/${reg.id}/invoices`);
    expect(reissued.status).toBe(201);
    expect(reissued.body).toMatchObject({
      status: 'ISSUED',
      amount: '1200.00',
      registration: { id: reg.id, csrProvided: true },
      history: [{ cause: 'staff:reissue' }],
    });
    ledgers.invoices.push(reissued.body.number);
    const paid = await api.payAndSettle({
      phone: PAYER,
      service: 'ECP',
      account: reissued.body.number,
      amount: '1200.00',
    });
    expect(paid).toMatchObject({ status: 'COMPLETED', reason: null });
    await eventually(async () => expect((await api.invoice(reissued.body.number)).status).toBe('SIGNATURE_PRODUCED'));
    const again = await http(ecp, 'POST', `/v1/ecp/registrations/${reg.id}/invoices`);
    expect(again).toMatchObject({
      status: 409,
      body: {
        code: 'REGISTRATION_HAS_LIVE_INVOICE',
        invoiceNumber: reissued.body.number,
        invoiceStatus: 'SIGNATURE_PRODUCED',
      },
    });
  });

  it('conserves money and leaves no message behind', async () => {
    const report = await auditMoney(api, ledgers);
    expect(report.walletBalances + report.paidInvoices).toBe(report.toppedUp);
    expect(report).toMatchObject({ debitedTwice: [], refundedTwice: [], refundWithoutDebit: [] });
    await expectMessagingSettled(system, tap);
  });
});
