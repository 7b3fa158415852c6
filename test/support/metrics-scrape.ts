/** One scrape of a service's /metrics: each sample by its name and labels as Prometheus writes them. */
export class MetricsScrape {
  private constructor(private readonly samples: Map<string, number>) {}

  static async of(baseUrl: string, token?: string): Promise<MetricsScrape> {
    const res = await fetch(`${baseUrl}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!res.ok) throw new Error(`GET ${baseUrl}/metrics answered ${res.status}`);
    return MetricsScrape.parse(await res.text());
  }

  static parse(text: string): MetricsScrape {
    const samples = new Map<string, number>();
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      const at = line.lastIndexOf(' ');
      samples.set(line.slice(0, at), Number(line.slice(at + 1)));
    }
    return new MetricsScrape(samples);
  }

  /** The sum of a metric's samples whose labels include every given one (0 when there are none yet). */
  value(name: string, labels: Record<string, string> = {}): number {
    let sum = 0;
    for (const [key, v] of this.samples) {
      const brace = key.indexOf('{');
      if ((brace < 0 ? key : key.slice(0, brace)) !== name) continue;
      const text = brace < 0 ? '' : key.slice(brace);
      if (Object.entries(labels).every(([k, want]) => text.includes(`${k}="${want}"`))) sum += v;
    }
    return sum;
  }
}
