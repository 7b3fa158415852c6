import { randomUUID } from 'node:crypto';
import type { RunningSystem, ServiceName } from '../../test/support/system.js';
import type { Completion, CompletionFeed } from './completions.js';
import type { ErrorLog } from './errors.js';
import { request, type Reply } from './http.js';
import { sleep } from './stats.js';
import type { PaymentBody } from './workload.js';

const FINAL = new Set(['COMPLETED', 'REJECTED', 'REFUNDED']);

/** The four services driven as MegaPay drives them: over HTTP, signed, each payment with its own Idempotency-Key. */
export class SystemDriver {
  private calls = 0;

  constructor(
    readonly system: RunningSystem,
    readonly feed: CompletionFeed,
    private readonly errors: ErrorLog,
  ) {}

  url(service: ServiceName): string {
    return this.system.url(service, this.calls++ % this.system.instances);
  }

  /**
   * POST /v1/payments; a connection error is retried with the same key, as the MegaPay backend would — once in the
   * measured runs (a keep-alive socket closed as it was reused), for up to `retryForMs` while services are being killed.
   */
  async post(body: PaymentBody, retryForMs = 0): Promise<Reply | undefined> {
    const key = randomUUID();
    const until = Date.now() + retryForMs;
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await request(`${this.url('payment-router')}/v1/payments`, 'POST', body, {
          'Idempotency-Key': key,
        });
        if (res.status === 202) return res;
        if (res.status >= 500 && Date.now() < until) {
          await sleep(200);
          continue;
        }
        this.errors.add(`POST /v1/payments: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        return undefined;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if ((attempt === 1 && code === 'ECONNRESET') || Date.now() < until) {
          if (attempt > 1) await sleep(200);
          continue;
        }
        this.errors.add(`POST /v1/payments: ${(e as Error).message}`);
        return undefined;
      }
    }
  }

  /** Pays and resolves with when the payment became final in the router's database (the completion feed's clock). */
  async payAndTrack(body: PaymentBody, timeoutMs = 60_000, retryForMs = 0): Promise<Completion | undefined> {
    const res = await this.post(body, retryForMs);
    if (!res) return undefined;
    const done = await Promise.race([this.feed.wait(res.body.id), sleep(timeoutMs).then(() => undefined)]);
    if (!done) this.errors.add(`payment ${res.body.id} not final within ${timeoutMs / 1000} s`);
    return done;
  }

  /** Waits until no payment the bench sent is still awaited (a level that queued drains before the next starts). */
  async drain(maxMs = 60_000): Promise<void> {
    const until = Date.now() + maxMs;
    while (this.feed.pending > 0 && Date.now() < until) await sleep(200);
  }

  /** MegaPay's way: GET /v1/payments/{id} every 50 ms until it is final; resolves with when the client saw it. */
  async pollUntilFinal(id: string, everyMs = 50, timeoutMs = 60_000): Promise<number | undefined> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const res = await request(`${this.url('payment-router')}/v1/payments/${id}`, 'GET').catch(() => undefined);
      if (res?.status === 200 && FINAL.has(res.body.status)) return Date.now();
      await sleep(everyMs);
    }
    return undefined;
  }

  /**
   * `GET /v1/payments/{id}?wait=5000` until it is final; 'unsupported' when the router answers 400 to `wait`, or
   * answers a payment still pending long before the wait elapsed (a router that ignores the parameter), so the report
   * can say n/a instead of measuring a loop of GETs.
   */
  async longPollUntilFinal(id: string, timeoutMs = 60_000): Promise<number | undefined | 'unsupported'> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const asked = Date.now();
      const res = await request(
        `${this.url('payment-router')}/v1/payments/${id}?wait=5000`,
        'GET',
        undefined,
        {},
        15_000,
      ).catch(() => undefined);
      if (res?.status === 400) return 'unsupported';
      if (res?.status === 200 && FINAL.has(res.body.status)) return Date.now();
      if (res?.status === 200 && Date.now() - asked < 2500) return 'unsupported';
      if (!res || res.status !== 200) await sleep(50);
    }
    return undefined;
  }
}
