import { randomUUID } from 'node:crypto';
import { CompletionFeed } from '../../bench/lib/completions.js';
import { pool, request, type Reply } from '../../bench/lib/http.js';
import type { RunningSystem } from './system.js';
import { asStaff } from './test-credentials.js';

/** One payment of the load: when it was due, and when (and how) it became final in the router. */
export interface PaymentSample {
  due: number;
  final: number;
  stage: string;
}

export interface LoadShape {
  wallets?: number;
  organizations?: number;
  /** ЭЦП invoices registered up front; each is paid once, then the ЭЦП share of the load pays СОЧИ. */
  invoices?: number;
}

const UNKNOWN_INN = '99999999999999';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A steady mixed load on a running system, over HTTP as MegaPay sends it: СОЧИ top-ups (most), top-ups of an INN
 * nobody registered (refunded), ЭЦП invoices, and now and then a wallet top-up. Completions are read from the
 * router's payment_steps (CompletionFeed), so the load costs the services nothing but the requests.
 */
export class PaymentLoad {
  /** Every wallet top-up the load made, in tyiyn: what the invariant checker expects the ledger to hold. */
  toppedUp = 0n;
  readonly errors: string[] = [];
  sent = 0;
  private nextInvoice = 0;

  private constructor(
    private readonly system: RunningSystem,
    private readonly feed: CompletionFeed,
    private readonly wallets: string[],
    private readonly organizations: string[],
    private readonly invoices: string[],
  ) {}

  static async prepare(system: RunningSystem, shape: LoadShape = {}): Promise<PaymentLoad> {
    const wallets = Array.from({ length: shape.wallets ?? 200 }, (_, i) => String(996710000000 + i + 1));
    const organizations = Array.from({ length: shape.organizations ?? 20 }, (_, i) => String(31000000000000 + i + 1));
    const feed = await CompletionFeed.open(system.databaseUrl('payment-router'));
    const load = new PaymentLoad(system, feed, wallets, organizations, []);
    await pool(wallets, 16, async (phone) => {
      expectStatus(await request(`${system.url('wallet')}/v1/wallets`, 'POST', { phone }), 201, `wallet ${phone}`);
      await load.topUp(phone, '5000.00');
    });
    await pool(organizations, 8, async (inn) => {
      expectStatus(
        await request(`${system.url('sochi-balance')}/v1/sochi/organizations`, 'POST', {
          inn,
          name: `ОсОО «Нагрузка ${inn.slice(-3)}»`,
        }),
        201,
        `organization ${inn}`,
      );
    });
    const priced = await request(
      `${system.url('ecp-invoicing')}/v1/ecp/products/ACCOUNTANT_CLOUD`,
      'PUT',
      { price: '25.00' },
      await asStaff('pricing'),
    );
    expectStatus(priced, 200, 'product price');
    await pool(Array.from({ length: shape.invoices ?? 40 }), 4, async () => {
      const res = await request(`${system.url('ecp-invoicing')}/v1/ecp/registrations`, 'POST', {
        office: 'ONLINE',
        organizationName: 'ИП Нагрузка',
        inn: '22222222222222',
        signerName: 'Нагрузкин Тест',
        signerRole: 'Индивидуальный предприниматель',
        phone: '996555000012',
        productCode: 'ACCOUNTANT_CLOUD',
      });
      expectStatus(res, 201, 'registration');
      load.invoices.push(res.body.invoice.number);
    });
    return load;
  }

  /** Sends `rate` payments a second for `seconds` (open loop: on schedule, whatever the answers), and waits for them all. */
  async openLoop(
    rate: number,
    seconds: number,
    onSample: (s: PaymentSample) => void = () => undefined,
  ): Promise<PaymentSample[]> {
    const total = Math.round(rate * seconds);
    const t0 = Date.now() + 20;
    const pending: Promise<PaymentSample | undefined>[] = [];
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 1) await sleep(wait);
      // One request in twenty is a wallet top-up instead: money comes in while it goes out.
      if (i % 20 === 19) {
        pending.push(this.topUp(this.pick(this.wallets), '10.00').then(() => undefined));
        continue;
      }
      pending.push(this.pay(due).then((s) => (s && onSample(s), s)));
    }
    return (await Promise.all(pending)).filter((s): s is PaymentSample => s !== undefined);
  }

  async close(): Promise<void> {
    await this.feed.close();
  }

  private async pay(due: number): Promise<PaymentSample | undefined> {
    this.sent++;
    const k = Math.random();
    const body =
      k < 0.1
        ? { service: 'SOCHI', account: UNKNOWN_INN }
        : k < 0.2 && this.nextInvoice < this.invoices.length
          ? { service: 'ECP', account: this.invoices[this.nextInvoice++] }
          : { service: 'SOCHI', account: this.pick(this.organizations) };
    const amount =
      body.service === 'ECP'
        ? '25.00'
        : `${1 + Math.floor(Math.random() * 9)}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
    const key = randomUUID();
    const phone = this.pick(this.wallets);
    let res;
    try {
      res = await retried(() =>
        request(
          `${this.system.url('payment-router')}/v1/payments`,
          'POST',
          { phone, amount, ...body },
          { 'Idempotency-Key': key },
        ),
      );
    } catch (e) {
      return this.error(`POST /v1/payments: ${(e as Error).message}`);
    }
    if (res.status !== 202)
      return this.error(`POST /v1/payments: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    const done = await Promise.race([this.feed.wait(res.body.id), sleep(180_000).then(() => undefined)]);
    if (!done) return this.error(`payment ${res.body.id} not final within 180 s`);
    return { due, final: done.at, stage: done.stage };
  }

  private async topUp(phone: string, som: string): Promise<void> {
    const key = randomUUID();
    try {
      const res = await retried(() =>
        request(
          `${this.system.url('wallet')}/v1/wallets/${phone}/top-ups`,
          'POST',
          { amount: som },
          { 'Idempotency-Key': key },
        ),
      );
      if (res.status === 201) this.toppedUp += BigInt(som.replace('.', ''));
      else this.error(`top-up ${phone}: ${res.status}`);
    } catch (e) {
      this.error(`top-up ${phone}: ${(e as Error).message}`);
    }
  }

  private pick<T>(xs: T[]): T {
    return xs[Math.floor(Math.random() * xs.length)];
  }

  private error(what: string): undefined {
    if (this.errors.length < 50) this.errors.push(what);
    return undefined;
  }
}

/**
 * A request that did not reach the service, got no answer, or got a 5xx ("nothing was changed": a service restarting
 * in the restore drill, a shared PostgreSQL out of connections) is sent again for up to a minute with the same
 * Idempotency-Key, as MegaPay would; any other answer is final.
 */
async function retried(send: () => Promise<Reply>): Promise<Reply> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await send();
      if (res.status < 500 || attempt >= 30) return res;
    } catch (e) {
      if (attempt >= 30) throw e;
    }
    await sleep(200 * Math.min(attempt, 10));
  }
}

function expectStatus(res: { status: number; body: unknown }, status: number, what: string): void {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
}
