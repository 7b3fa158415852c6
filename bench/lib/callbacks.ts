import http from 'node:http';

/**
 * The partner's end of the final-status callback: records when each payment's first callback arrived and answers 204
 * (any 2xx acknowledges). Signatures are not verified here: the bench measures when the partner learns, not who says so.
 */
export class CallbackReceiver {
  private readonly seen = new Map<string, number>();
  private readonly waiting = new Map<string, (at: number) => void>();
  received = 0;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async listen(port: number): Promise<CallbackReceiver> {
    let receiver!: CallbackReceiver;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const at = Date.now();
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { paymentId?: string };
          if (typeof body.paymentId === 'string') receiver.record(body.paymentId, at);
        } catch {
          // not JSON: acknowledged all the same, nothing to record
        }
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    receiver = new CallbackReceiver(server, `http://127.0.0.1:${port}/megapay/payment-status`);
    return receiver;
  }

  /** Resolves with when the payment's first callback arrived, or undefined after `timeoutMs`. */
  wait(paymentId: string, timeoutMs: number): Promise<number | undefined> {
    const at = this.seen.get(paymentId);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(paymentId);
        resolve(undefined);
      }, timeoutMs);
      this.waiting.set(paymentId, (t) => {
        clearTimeout(timer);
        resolve(t);
      });
    });
  }

  async close(): Promise<void> {
    await new Promise((r) => this.server.close(r));
  }

  private record(id: string, at: number): void {
    this.received++;
    if (this.seen.has(id)) return; // a redelivery: the first one is when the partner knew
    this.seen.set(id, at);
    this.waiting.get(id)?.(at);
    this.waiting.delete(id);
  }
}
