import { expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { somToTyiyn } from '#money';
import { BrokerTap } from '../support/broker-tap.js';
import { eventually } from '../support/eventually.js';
import { takeParked, type Parked } from '../support/parked-store.js';
import { http } from '../support/service-harness.js';
import { RunningSystem, SERVICE_NAMES, type ServiceName, type SystemOptions } from '../support/system.js';
import { checkInvariants, summarize } from './invariant-checker.js';

/** The fault suite runs longer (more rounds, more property runs) with FAULTS_LONG=1. */
export const LONG = process.env.FAULTS_LONG === '1';
/**
 * Broker and database outages stop and restart the machine's RabbitMQ and PostgreSQL, which every test run on it
 * shares: on by default (CI runs them), FAULTS_INFRA=0 leaves them out on a machine shared with other work.
 */
export const INFRA = process.env.FAULTS_INFRA !== '0';
/** How long every payment has after a fault to reach a final state. */
export const SETTLE_BOUND_MS = 45_000;

export const UNKNOWN_INN = '99999999999999';
export type Kind = 'SOCHI' | 'SOCHI_UNKNOWN_INN' | 'ECP';
export const EXPECTED: Record<Kind, string> = { SOCHI: 'COMPLETED', SOCHI_UNKNOWN_INN: 'REFUNDED', ECP: 'COMPLETED' };

type TapOptions = Omit<NonNullable<Parameters<typeof BrokerTap.open>[0]>, 'purge'>;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A running system under a steady stream of payments (СОЧИ valid, СОЧИ to an unknown INN → refunded, ЭЦП invoices),
 * each sent by a MegaPay backend that retries with the same Idempotency-Key until the router answers 202.
 */
export class FaultSystem {
  readonly wallets: string[] = [];
  readonly organizations: string[] = [];
  private readonly invoices: string[] = [];
  toppedUp = 0n;
  readonly payments: Array<{ id: string; kind: Kind }> = [];
  private inflight = new Set<Promise<void>>();
  private streaming = false;
  private streamLoop?: Promise<void>;
  private calls = 0;
  /** POST attempts that failed and were retried (the service was down): how much of the fault the stream saw. */
  retries = 0;

  private constructor(
    readonly system: RunningSystem,
    public tap: BrokerTap,
    private readonly tapOptions: TapOptions,
  ) {}

  /** `on`: another broker and database server than the tests' (the cluster tier's RabbitMQ cluster and HAProxy). */
  static async start(
    name: string,
    basePort: number,
    instances = 1,
    on: { system?: Partial<SystemOptions>; tap?: TapOptions } = {},
  ): Promise<FaultSystem> {
    const tap = await BrokerTap.open(on.tap);
    const system = await RunningSystem.start({
      dbPrefix: `dostek_faults_${name}_`,
      basePort,
      instances,
      env: { OUTBOX_POLL_MS: '200' },
      ...on.system,
    });
    const f = new FaultSystem(system, tap, on.tap ?? {});
    for (let i = 0; i < 12; i++) {
      const phone = `9965554${String(basePort % 1000).padStart(3, '0')}${String(i).padStart(2, '0')}`;
      await f.must('wallet', 'POST', '/v1/wallets', { phone }, 201);
      await f.topUp(phone, '20000.00');
      f.wallets.push(phone);
    }
    for (let i = 0; i < 3; i++) {
      const inn = `0${String(basePort).padStart(5, '0')}0000000${i}`;
      await f.must('sochi-balance', 'POST', '/v1/sochi/organizations', { inn, name: `Организация ${i}` }, 201);
      f.organizations.push(inn);
    }
    return f;
  }

  private url(service: ServiceName): string {
    return this.system.url(service, this.calls++ % this.system.instances);
  }

  async must(
    service: ServiceName,
    method: string,
    path: string,
    body: unknown,
    status: number,
    headers: Record<string, string> = {},
  ) {
    const res = await http(this.url(service), method, path, body, headers);
    expect({ path, status: res.status }).toEqual({ path, status });
    return res.body;
  }

  async topUp(phone: string, amount: string): Promise<void> {
    await this.must('wallet', 'POST', `/v1/wallets/${phone}/top-ups`, { amount }, 201, {
      'Idempotency-Key': randomUUID(),
    });
    this.toppedUp += somToTyiyn(amount);
  }

  /** A new ЭЦП client's registration for ACCOUNTANT_CLOUD (a cloud key: no CSR), which issues the invoice at its price. */
  ecpRegistration(organizationName: string, office: 'OSH' | 'JALAL_ABAD' | 'ONLINE' = 'OSH') {
    return {
      office,
      organizationName,
      inn: '22222222222222',
      signerName: 'Сбоев Тест',
      signerRole: 'Индивидуальный предприниматель',
      phone: '996555000010',
      productCode: 'ACCOUNTANT_CLOUD',
    };
  }

  /** n clients register, each invoiced 30.00 (the price staff set for the product first). */
  async issueInvoices(n: number): Promise<void> {
    await this.must('ecp-invoicing', 'PUT', '/v1/ecp/products/ACCOUNTANT_CLOUD', { price: '30.00' }, 200);
    for (let i = 0; i < n; i++) {
      const registered = await this.must(
        'ecp-invoicing',
        'POST',
        '/v1/ecp/registrations',
        this.ecpRegistration('ИП Сбой Тест'),
        201,
      );
      expect(registered.invoice.amount).toBe('30.00');
      this.invoices.push(registered.invoice.number);
    }
  }

  /** Pays, retrying with the same key until accepted (up to a minute); records the payment and what it must end as. */
  async pay(kind: Kind): Promise<string> {
    const phone = this.wallets[this.payments.length % this.wallets.length];
    const body =
      kind === 'ECP'
        ? { phone, service: 'ECP', account: this.invoices.shift() ?? '', amount: '30.00' }
        : {
            phone,
            service: 'SOCHI',
            account:
              kind === 'SOCHI' ? this.organizations[this.payments.length % this.organizations.length] : UNKNOWN_INN,
            amount: `${1 + (this.payments.length % 7)}.25`,
          };
    if (kind === 'ECP' && !body.account) throw new Error('no invoice left for an ЭЦП payment');
    const key = randomUUID();
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const res = await http(this.url('payment-router'), 'POST', '/v1/payments', body, { 'Idempotency-Key': key });
        if (res.status === 202) {
          this.payments.push({ id: res.body.id, kind });
          return res.body.id;
        }
        if (res.status < 500) throw new Error(`payment refused: ${res.status} ${JSON.stringify(res.body)}`);
      } catch (e) {
        if (String((e as Error).message).startsWith('payment refused')) throw e;
      }
      if (Date.now() > deadline)
        throw new Error(
          `the router did not accept a payment within a minute; crashed: ${this.system.crashed().join(', ') || 'none'}`,
        );
      this.retries++;
      await sleep(100);
    }
  }

  private kindAt(i: number): Kind {
    const k = i % 10;
    return k === 3 ? 'SOCHI_UNKNOWN_INN' : k === 7 && this.invoices.length > 0 ? 'ECP' : 'SOCHI';
  }

  /** Starts paying `perSecond` payments a second, each on its own (so a slow one does not slow the stream). */
  startStream(perSecond = 20): void {
    this.streaming = true;
    let i = 0;
    this.streamLoop = (async () => {
      while (this.streaming) {
        const p = this.pay(this.kindAt(i++)).then(() => undefined);
        this.inflight.add(p);
        void p.finally(() => this.inflight.delete(p));
        await sleep(1000 / perSecond);
      }
    })();
  }

  /** Stops the stream; resolves when every payment it started was accepted. */
  async stopStream(): Promise<void> {
    this.streaming = false;
    await this.streamLoop;
    await Promise.all([...this.inflight]);
  }

  /** A burst of n payments at once (the relay is publishing and consumers hold unacked messages right after). */
  burst(n: number): Promise<string[]> {
    return Promise.all(Array.from({ length: n }, (_, i) => this.pay(this.kindAt(i))));
  }

  /** Unpublished outbox rows of a service right now (what its relay had yet to publish). */
  async unpublished(service: ServiceName): Promise<number> {
    const { rows } = await (
      await this.system.db(service)
    ).query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    return rows[0].n;
  }

  /**
   * Kills a service (SIGKILL) at a busy moment: as soon as its relay has rows to publish (or after maxWaitMs).
   * Returns the unpublished rows and the messages waiting in its queue at that moment.
   */
  async killWhenBusy(service: ServiceName, maxWaitMs = 2000): Promise<{ unpublished: number; queued: number }> {
    const deadline = Date.now() + maxWaitMs;
    let unpublished = 0;
    while (Date.now() < deadline && (unpublished = await this.unpublished(service)) === 0) await sleep(2);
    const queued = await this.tap.queueDepth(`${service}.events`);
    await this.system.kill(service);
    return { unpublished, queued };
  }

  /** Waits (within the bound) until every payment is final and every outbox published; returns how long it took. */
  async settle(boundMs = SETTLE_BOUND_MS): Promise<number> {
    const started = Date.now();
    const router = await this.system.db('payment-router');
    for (;;) {
      const { rows } = await router.query(`SELECT count(*)::int AS n FROM payments WHERE stage LIKE 'AWAITING_%'`);
      let unpublished = 0;
      for (const s of SERVICE_NAMES) unpublished += await this.unpublished(s);
      if (rows[0].n === 0 && unpublished === 0) return Date.now() - started;
      if (Date.now() - started > boundMs) return Date.now() - started; // the checker reports what is left
      await sleep(100);
    }
  }

  /**
   * The invariant check after a fault: every payment final and as expected, nothing lost, duplicated or unexpected,
   * money conserved, every outbox row published, and only the given poison parked.
   */
  async expectClean(
    expectedParked: Array<{ service: string; messageId: string; code: string }> = [],
  ): Promise<{ settledInMs: number; parked: number }> {
    // A service that died on its own would show up as stuck payments; say so first, plainly (its log is in test-logs/).
    expect(this.system.crashed()).toEqual([]);
    const settledInMs = await this.settle();
    const report = await checkInvariants((s) => this.system.db(s), { toppedUp: this.toppedUp });
    expect(summarize(report)).toEqual({ lost: 0, duplicated: 0, unexpected: 0, examples: [] });
    const router = await this.system.db('payment-router');
    const { rows } = await router.query(`SELECT id, stage FROM payments WHERE id = ANY($1::uuid[])`, [
      this.payments.map((p) => p.id),
    ]);
    const stageOf = new Map(rows.map((r) => [r.id, r.stage]));
    const wrong = this.payments
      .filter((p) => stageOf.get(p.id) !== EXPECTED[p.kind])
      .map((p) => `${p.kind} ${p.id}: ${stageOf.get(p.id)}`);
    expect(wrong).toEqual([]);
    const parked: Array<Parked & { service: string; messageId: string }> = [];
    // Each service moves its parking queue into its parked-message store: the last ones may still be on their way.
    await eventually(async () => {
      for (const service of SERVICE_NAMES) {
        for (const p of await takeParked(await this.system.db(service)))
          parked.push({ ...p, service, messageId: p.messageId ?? messageIdOf(p.body) });
      }
      const got = parked.map((p) => `${p.service} ${p.code} ${p.messageId}`).sort();
      expect(got).toEqual(expectedParked.map((p) => `${p.service} ${p.code} ${p.messageId}`).sort());
    });
    return { settledInMs, parked: parked.length };
  }

  /** The test's own broker connection, again after a broker restart (without purging anything). */
  async reopenTap(): Promise<void> {
    await this.tap.close();
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        this.tap = await BrokerTap.open({ ...this.tapOptions, purge: false });
        return;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await sleep(500);
      }
    }
  }

  async stop(): Promise<void> {
    this.streaming = false;
    await this.system?.stop();
    await this.tap?.close();
  }
}

function messageIdOf(body: string): string {
  try {
    return String(JSON.parse(body).messageId ?? '(none)');
  } catch {
    return body.slice(0, 40);
  }
}

/** A line of the fault report, printed as the suite goes (the issue asks for counts per fault). */
export function report(line: string): void {
  process.stdout.write(`[faults] ${line}\n`);
}
