import { randomUUID } from 'node:crypto';
import {
  FINAL_STATUSES,
  MegaPayApiError,
  type FavoritePaymentRequest,
  type Payment,
  type PaymentCheck,
  type PaymentRequest,
  type ServiceList,
} from './payments.js';
import { signedHeaders, type SigningKeyRef } from './request-signer.js';

export interface MegaPayClientOptions {
  /** The payment-router, e.g. https://payments.dostek.kg */
  baseUrl: string;
  /** The partner key MegaPay was given (scope `payments`). */
  key: SigningKeyRef;
  /** Attempts of one request when the network fails or the router answers 429/5xx (default 4). */
  attempts?: number;
  /** Pause before the first retry, doubled each time (default 200 ms); a Retry-After header wins. */
  backoffMs?: number;
  /** Each request's own time limit (default 10 s). */
  timeoutMs?: number;
}

/**
 * The MegaPay backend's client of the Dos Tek payments API: every request signed (RFC 9421), every payment with an
 * Idempotency-Key, safe retries (a payment is retried with the same key and body, so it is made at most once), and
 * polling to a final state.
 */
/** The longest `GET /v1/payments/{id}?wait=` the router accepts. */
const MAX_WAIT_MS = 10_000;

export class MegaPayClient {
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: MegaPayClientOptions) {
    this.attempts = options.attempts ?? 4;
    this.backoffMs = options.backoffMs ?? 200;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** The payable services and their account rules. */
  services(): Promise<ServiceList> {
    return this.request('GET', '/v1/services');
  }

  /** Whether a payment can be made: the account's holder, the amount due, what the wallet covers. Changes nothing. */
  check(payment: PaymentRequest): Promise<PaymentCheck> {
    return this.request('POST', '/v1/payments/check', payment);
  }

  /** Makes a payment (202, PENDING), once per `idempotencyKey` however often it is retried. */
  pay(payment: PaymentRequest, idempotencyKey: string = randomUUID()): Promise<Payment> {
    return this.request('POST', '/v1/payments', payment, { 'Idempotency-Key': idempotencyKey });
  }

  /** Pays a subscriber's favorite; the amount given, or the favorite's. */
  payFromFavorite(request: FavoritePaymentRequest, idempotencyKey: string = randomUUID()): Promise<Payment> {
    return this.request('POST', '/v1/payments/from-favorite', request, { 'Idempotency-Key': idempotencyKey });
  }

  /**
   * A payment as it stands; with `waitMs` (up to 10 000), a PENDING one is answered as soon as it becomes final, or
   * after that long (a long-poll: one request instead of polling).
   */
  payment(id: string, { waitMs = 0 }: { waitMs?: number } = {}): Promise<Payment> {
    const wait = waitMs > 0 ? `?wait=${Math.min(Math.trunc(waitMs), MAX_WAIT_MS)}` : '';
    return this.request('GET', `/v1/payments/${encodeURIComponent(id)}${wait}`);
  }

  /**
   * Waits until a payment is COMPLETED, REJECTED or REFUNDED, or `timeoutMs` has passed (then it throws): long-polls,
   * each ask shorter than one request's own time limit; `pollMs` is the pause after an early PENDING answer.
   */
  async untilFinal(
    id: string,
    { pollMs = 100, timeoutMs = 30_000 }: { pollMs?: number; timeoutMs?: number } = {},
  ): Promise<Payment> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const asked = Date.now();
      const waitMs = Math.max(0, Math.min(deadline - asked, this.timeoutMs - 1000));
      const payment = await this.payment(id, { waitMs });
      if (FINAL_STATUSES.includes(payment.status)) return payment;
      if (Date.now() > deadline) throw new Error(`payment ${id} is still ${payment.status} after ${timeoutMs} ms`);
      if (Date.now() - asked < waitMs) await sleep(pollMs);
    }
  }

  /** Pays and waits for the outcome: what a wallet screen shows after "Оплатить". */
  async payAndWait(
    payment: PaymentRequest,
    idempotencyKey: string = randomUUID(),
    wait?: { pollMs?: number; timeoutMs?: number },
  ): Promise<Payment> {
    return this.untilFinal((await this.pay(payment, idempotencyKey)).id, wait);
  }

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const url = new URL(path, this.options.baseUrl).toString();
    const text = body === undefined ? undefined : JSON.stringify(body);
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        // Signed anew on every attempt: a nonce is good for one request.
        const sent = { ...(text === undefined ? {} : { 'content-type': 'application/json' }), ...headers };
        const signed = await signedHeaders(this.options.key, { method, url, body: text, headers: sent });
        res = await fetch(url, {
          method,
          headers: { ...sent, ...signed },
          body: text,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (e) {
        if (attempt >= this.attempts) throw e;
        await sleep(this.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      const parsed = parseJson(await res.text());
      if (res.ok) return parsed as T;
      if ((res.status === 429 || res.status >= 500) && attempt < this.attempts) {
        const retryAfter = Number(res.headers.get('retry-after'));
        await sleep(
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : this.backoffMs * 2 ** (attempt - 1),
        );
        continue;
      }
      throw new MegaPayApiError(res.status, String(parsed.code ?? `HTTP_${res.status}`), parsed);
    }
  }
}

/** An answer's JSON, or {} when it has none (a proxy's HTML 502 is retried like any 5xx, not thrown as a parse error). */
function parseJson(text: string): Record<string, unknown> {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
