import { createServer, type IncomingMessage, type Server } from 'node:http';
import { checkPartnerSignature, DEVELOPMENT_PARTNER_CALLBACK, type SigningKeyRef } from '#platform';

/** One callback as the partner received it. */
export interface ReceivedCallback {
  paymentId: string;
  body: Record<string, unknown>;
  idempotencyKey: string | undefined;
  /** Date.now() when its request was complete. */
  at: number;
}

export interface CallbackReceiverOptions {
  /** The key the router signs with (its PARTNER_CALLBACK_KEY); the development key by default. */
  key?: SigningKeyRef;
  /** 0 (default) takes a free one; `down()` and `up()` keep it. */
  port?: number;
  path?: string;
}

/**
 * The partner's end of the final-status callbacks, as MegaPay would run it: verifies each request's RFC 9421 signature
 * (the platform's own check), answers 204, and records every delivery with its arrival time. `down()` closes the port
 * (deliveries are refused) until `up()`.
 */
export class PartnerCallbackReceiver {
  /** Every accepted delivery, repeats included, in arrival order. */
  readonly deliveries: ReceivedCallback[] = [];
  /** The first accepted delivery of each payment. */
  readonly first = new Map<string, ReceivedCallback>();
  /** Requests refused for their signature or body. */
  refused = 0;
  private readonly waiters = new Map<string, ((c: ReceivedCallback) => void)[]>();
  private server?: Server;

  private constructor(
    private readonly key: SigningKeyRef,
    private port: number,
    private readonly path: string,
  ) {}

  static async start(options: CallbackReceiverOptions = {}): Promise<PartnerCallbackReceiver> {
    const receiver = new PartnerCallbackReceiver(
      options.key ?? DEVELOPMENT_PARTNER_CALLBACK,
      options.port ?? 0,
      options.path ?? '/dostek/payment-final',
    );
    await receiver.up();
    return receiver;
  }

  /** What the router's PARTNER_CALLBACK_URL is set to. */
  get url(): string {
    return `http://127.0.0.1:${this.port}${this.path}`;
  }

  /** Resolves with the payment's first delivery, at once if it has arrived already. */
  arrival(paymentId: string): Promise<ReceivedCallback> {
    const seen = this.first.get(paymentId);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.set(paymentId, [...(this.waiters.get(paymentId) ?? []), resolve]));
  }

  async up(): Promise<void> {
    const server = createServer((req, res) => {
      void this.receive(req).then((status) => res.writeHead(status).end());
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Stops accepting connections and drops the open ones: the router sees its deliveries fail. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  close(): Promise<void> {
    return this.down();
  }

  private async receive(req: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const at = Date.now();
    const raw = Buffer.concat(chunks);
    if (req.method !== 'POST' || req.url !== this.path) return 404;
    const check = await checkPartnerSignature(
      { method: req.method, url: `http://${req.headers.host}${req.url}`, headers: req.headers, body: raw },
      [{ keyid: this.key.keyid, secrets: [this.key.secret], scopes: ['payments'] }],
      300,
    );
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      body = {};
    }
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    if (!check.ok || typeof body.paymentId !== 'string' || idempotencyKey !== body.paymentId) {
      this.refused++;
      return check.ok ? 400 : 401;
    }
    const received: ReceivedCallback = { paymentId: body.paymentId, body, idempotencyKey, at };
    this.deliveries.push(received);
    if (!this.first.has(received.paymentId)) {
      this.first.set(received.paymentId, received);
      for (const resolve of this.waiters.get(received.paymentId) ?? []) resolve(received);
      this.waiters.delete(received.paymentId);
    }
    return 204;
  }
}
