import { createServer, type Server } from 'node:http';
import { MetricsScrape } from '../../test/support/metrics-scrape.js';

/**
 * Where the services' spans go during the benchmark: an OTLP/HTTP receiver that counts spans and keeps none (a trace
 * viewer's ingestion is not what is measured; the services' cost of making and exporting spans is).
 */
export class SpanSink {
  spans = 0;
  private constructor(private readonly server: Server, readonly endpoint: string) {}

  static async listen(port: number): Promise<SpanSink> {
    let sink: SpanSink | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans?: { scopeSpans?: { spans?: unknown[] }[] }[] };
          for (const rs of body.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) sink!.spans += ss.spans?.length ?? 0;
        } catch {
          // Not OTLP JSON: nothing to count.
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    sink = new SpanSink(server, `http://127.0.0.1:${port}`);
    return sink;
  }

  async close(): Promise<void> {
    await new Promise((r) => this.server.close(r));
  }
}

/** Scrapes every service's /metrics on an interval, as Prometheus would (more often: every 5 s instead of 15 s). */
export class Scraper {
  private timer?: NodeJS.Timeout;
  scrapes = 0;
  failures = 0;

  constructor(private readonly urls: () => string[], private readonly intervalMs = 5000) {}

  start(): void {
    this.timer ??= setInterval(() => void this.scrapeAll(), this.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async scrapeAll(): Promise<void> {
    await Promise.all(
      this.urls().map((u) =>
        MetricsScrape.of(u).then(
          () => this.scrapes++,
          () => this.failures++,
        ),
      ),
    );
  }
}

/** The router's payment counters summed over its instances: what the bench compares its own counts with. */
export async function paymentTotals(routerUrls: string[]): Promise<Record<'requested' | 'completed' | 'rejected' | 'refunded', number>> {
  const scrapes = await Promise.all(routerUrls.map((u) => MetricsScrape.of(u)));
  const sum = (name: string) => scrapes.reduce((a, s) => a + s.value(name), 0);
  return {
    requested: sum('dostek_payments_requested_total'),
    completed: sum('dostek_payments_completed_total'),
    rejected: sum('dostek_payments_rejected_total'),
    refunded: sum('dostek_payments_refunded_total'),
  };
}
