import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import amqp from 'amqplib';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { EVENTS_EXCHANGE, SochiTopUpCreditedV1 } from '#contracts';
import { BrokerConnection, Outbox, OutboxRelay, traceConsume } from '#messaging';
import { eventually } from '../../../test/support/eventually.js';
import { freshMessagingDatabase } from '../../../test/support/messaging-database.js';
import { TEST_AMQP_URL, TEST_NAMESPACE, TEST_POSTGRES_URL } from '../../../test/support/test-env.js';

const DB = `dostek_it_${TEST_NAMESPACE}message_tracing`;
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** The trace context through the outbox: stored with the row, published in the AMQP headers, continued by the consumer. */
describe('a trace across the outbox and the broker', () => {
  const spans = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  let db: pg.Client;
  let broker: BrokerConnection;
  let relay: OutboxRelay;
  let conn: amqp.ChannelModel;
  const received: amqp.ConsumeMessage[] = [];

  beforeAll(async () => {
    provider.register();
    ({ db } = await freshMessagingDatabase(DB));
    conn = await amqp.connect(TEST_AMQP_URL);
    const ch = await conn.createChannel();
    await ch.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
    const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
    await ch.bindQueue(queue, EVENTS_EXCHANGE, SochiTopUpCreditedV1.routingKey);
    await ch.consume(queue, (m) => m && received.push(m), { noAck: true });
    broker = new BrokerConnection(TEST_AMQP_URL, 'tracing-test');
    relay = new OutboxRelay(broker, { databaseUrl: `${TEST_POSTGRES_URL}/${DB}`, pollIntervalMs: 100, logger: quiet });
    await relay.start();
  });

  afterAll(async () => {
    await relay.stop();
    await broker.close();
    await conn.close();
    await db.end();
    await provider.shutdown();
    // The API's globals are the process's: leave none to the next test file.
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it("stores the appending span as the row's traceparent, publishes it as the parent of a PRODUCER span, and a consumer continues it", async () => {
    const paymentId = randomUUID();
    const request = provider.getTracer('test').startSpan('POST /v1/payments', { kind: SpanKind.SERVER });
    await context.with(trace.setSpan(context.active(), request), () =>
      new Outbox('sochi-balance').append(
        db,
        SochiTopUpCreditedV1,
        { paymentId, inn: '01234567890123', amount: '100', creditedAt: new Date().toISOString() },
        { correlationId: paymentId },
      ),
    );
    request.end();
    const { traceId, spanId } = request.spanContext();
    const { rows } = await db.query(`SELECT traceparent FROM outbox WHERE envelope->'payload'->>'paymentId' = $1`, [
      paymentId,
    ]);
    expect(rows[0].traceparent).toBe(`00-${traceId}-${spanId}-01`);

    const message = await eventually(() => {
      const m = received.find((r) => JSON.parse(r.content.toString()).payload.paymentId === paymentId);
      expect(m).toBeDefined();
      return m!;
    });
    const publish = await eventually(() => {
      const s = spans
        .getFinishedSpans()
        .find((x) => x.name === 'sochi.top-up-credited.v1 publish' && x.attributes['payment.id'] === paymentId);
      expect(s).toBeDefined();
      return s!;
    });
    expect(publish.kind).toBe(SpanKind.PRODUCER);
    expect(publish.spanContext().traceId).toBe(traceId);
    expect(publish.parentSpanContext?.spanId).toBe(spanId);
    expect(message.properties.headers?.traceparent).toBe(`00-${traceId}-${publish.spanContext().spanId}-01`);

    await traceConsume(message.properties.headers, message.fields.routingKey, {}, async () => undefined);
    const consumed = spans.getFinishedSpans().find((x) => x.name === 'sochi.top-up-credited.v1 process')!;
    expect(consumed.kind).toBe(SpanKind.CONSUMER);
    expect(consumed.spanContext().traceId).toBe(traceId);
    expect(consumed.parentSpanContext?.spanId).toBe(publish.spanContext().spanId);
  });

  it('publishes a row written outside any trace without trace headers, and starts no trace for it', async () => {
    const paymentId = randomUUID();
    await new Outbox('sochi-balance').append(
      db,
      SochiTopUpCreditedV1,
      { paymentId, inn: '01234567890123', amount: '1', creditedAt: new Date().toISOString() },
      { correlationId: paymentId },
    );
    const message = await eventually(() => {
      const m = received.find((r) => JSON.parse(r.content.toString()).payload.paymentId === paymentId);
      expect(m).toBeDefined();
      return m!;
    });
    expect(message.properties.headers?.traceparent).toBeUndefined();
    expect(spans.getFinishedSpans().some((s) => s.attributes['payment.id'] === paymentId)).toBe(false);
  });
});
