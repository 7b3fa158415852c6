import { createServer, type Server } from 'node:http';

/** One span as the services exported it (OTLP/HTTP JSON), flattened for assertions. */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: Record<string, string | number | boolean>;
}

type OtlpValue = { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean };
type OtlpAttribute = { key: string; value: OtlpValue };
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: OtlpAttribute[];
}
interface OtlpTraces {
  resourceSpans?: { resource?: { attributes?: OtlpAttribute[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

const valueOf = (v: OtlpValue) =>
  v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : (v.doubleValue ?? v.boolValue ?? ''));
const attributesOf = (list: OtlpAttribute[] = []) => Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

/**
 * An in-memory span exporter across processes: a tiny OTLP/HTTP (JSON) receiver in the test process, to which the
 * running services export (OTEL_EXPORTER_OTLP_ENDPOINT). It keeps every span it is sent.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  /** Spans received, kept or not. */
  received = 0;

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
    private readonly keep: boolean,
  ) {}

  /** `keep: false` only counts (the benchmark: a viewer's storage is not what it measures). */
  static async listen(port: number, { keep = true }: { keep?: boolean } = {}): Promise<OtlpReceiver> {
    let receiver: OtlpReceiver | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/v1/traces')
          receiver!.accept(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpTraces);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    receiver = new OtlpReceiver(server, `http://127.0.0.1:${port}`, keep);
    return receiver;
  }

  /** Every span of one trace, earliest first. */
  trace(traceId: string): ReceivedSpan[] {
    return this.spans
      .filter((s) => s.traceId === traceId)
      .sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0));
  }

  /** The chain of ancestors of a span within its trace, nearest first (stops where a parent was not received). */
  ancestors(span: ReceivedSpan): ReceivedSpan[] {
    const chain: ReceivedSpan[] = [];
    let parent = this.spans.find((s) => s.traceId === span.traceId && s.spanId === span.parentSpanId);
    while (parent) {
      chain.push(parent);
      const p: ReceivedSpan = parent;
      parent = this.spans.find((s) => s.traceId === p.traceId && s.spanId === p.parentSpanId);
    }
    return chain;
  }

  /** Prints a trace as a tree with durations (for the notes in docs/observability.md). */
  render(traceId: string): string {
    const spans = this.trace(traceId);
    const t0 = spans[0]?.startNs ?? 0n;
    const depth = (s: ReceivedSpan) => this.ancestors(s).length;
    return spans
      .map(
        (s) =>
          `${'  '.repeat(depth(s))}${s.service}: ${s.name.replace(/\s+/g, ' ')}  +${Number(s.startNs - t0) / 1e6} ms, ${(Number(s.endNs - s.startNs) / 1e6).toFixed(1)} ms`,
      )
      .join('\n');
  }

  async close(): Promise<void> {
    await new Promise((r) => this.server.close(r));
  }

  private accept(body: OtlpTraces): void {
    for (const rs of body.resourceSpans ?? []) {
      const service = String(attributesOf(rs.resource?.attributes)['service.name'] ?? '');
      for (const ss of rs.scopeSpans ?? []) {
        this.received += ss.spans?.length ?? 0;
        if (!this.keep) continue;
        for (const s of ss.spans ?? []) {
          this.spans.push({
            service,
            traceId: s.traceId,
            spanId: s.spanId,
            parentSpanId: s.parentSpanId ?? '',
            name: s.name,
            kind: s.kind,
            startNs: BigInt(s.startTimeUnixNano),
            endNs: BigInt(s.endTimeUnixNano),
            attributes: attributesOf(s.attributes),
          });
        }
      }
    }
  }
}
