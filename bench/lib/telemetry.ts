import { MetricsScrape } from '../../test/support/metrics-scrape.js';

/** Scrapes every service's /metrics on an interval, as Prometheus would (more often: every 5 s instead of 15 s). */
export class Scraper {
  private timer?: NodeJS.Timeout;
  scrapes = 0;
  failures = 0;

  constructor(
    private readonly urls: () => string[],
    private readonly intervalMs = 5000,
  ) {}

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
export async function paymentTotals(
  routerUrls: string[],
): Promise<Record<'requested' | 'completed' | 'rejected' | 'refunded', number>> {
  const scrapes = await Promise.all(routerUrls.map((u) => MetricsScrape.of(u)));
  const sum = (name: string) => scrapes.reduce((a, s) => a + s.value(name), 0);
  return {
    requested: sum('dostek_payments_requested_total'),
    completed: sum('dostek_payments_completed_total'),
    rejected: sum('dostek_payments_rejected_total'),
    refunded: sum('dostek_payments_refunded_total'),
  };
}
