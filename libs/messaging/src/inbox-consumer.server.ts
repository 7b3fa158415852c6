import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { lastValueFrom } from 'rxjs';
import { PARKED_HEADERS, PARKING_EXCHANGE, queueOf, type ServiceName } from '#contracts';
import type { BrokerConnection } from './broker-connection.js';
import { consumerMetrics } from './consumer-metrics.js';
import { messageAttributes, traceConsume } from './message-tracing.js';
import { DATA_REJECTED, failureClass, PermanentMessageError, rejectedDataCode } from './errors.js';
import { checkIncoming, type PublishedBy } from './incoming-message.js';

export interface InboxConsumerOptions {
  service: ServiceName;
  /** Unacknowledged messages in flight per instance. */
  prefetch?: number;
  /** Deliveries of one message before it is parked as RETRIES_EXHAUSTED. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt. */
  retryBaseMs?: number;
}

/** What handling a stored message again came to: handled, or the code and reason it would be parked with. */
export type HandlingOutcome = { ok: true } | { ok: false; code: string; reason: string };

/** Passed to each event handler beside the validated envelope. */
export interface DeliveryContext {
  readonly attempt: number;
  readonly redelivered: boolean;
}

/**
 * A Nest transport that consumes the service's quorum queue with manual acknowledgement.
 * Each message is validated against libs/contracts and handed to the `@EventPattern(routingKey)` handler;
 * it is acked only after the handler (and so its transaction) finished. Invalid, unknown and permanently
 * failing messages (a PermanentMessageError, data the database refuses) are parked with their reason and acked;
 * an unreachable database is waited for in place; contention and unexpected failures are retried with backoff, then
 * parked (errors.ts, `failureClass`). Nest's
 * own RMQ transport is not used: it defaults to auto-ack, wraps payloads in its own {pattern, data} format and has
 * no parking with reasons (see docs/messaging.md).
 */
export class InboxConsumerServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger('InboxConsumer');
  private channel?: ChannelWrapper;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly prefetch: number;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private closing = false;
  /** Channels the broker closed: a message held for a retry on one of them is redelivered elsewhere, so stop retrying it. */
  private readonly closedChannels = new WeakSet<ConfirmChannel>();

  constructor(
    private readonly broker: BrokerConnection,
    private readonly options: InboxConsumerOptions,
  ) {
    super();
    this.prefetch = options.prefetch ?? 32;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryBaseMs = options.retryBaseMs ?? 200;
  }

  listen(callback: (...optionalParams: unknown[]) => any): void {
    const { queue } = queueOf(this.options.service);
    this.channel = this.broker.channel(`${this.options.service}-consumer`, async (ch) => {
      ch.once('close', () => this.closedChannels.add(ch));
      await ch.prefetch(this.prefetch);
      await ch.consume(queue, (msg) => msg && this.track(this.onMessage(ch, msg)), { noAck: false });
    });
    callback();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.inFlight]);
    await this.channel?.close().catch(() => undefined);
  }

  on(): void {
    // No transport-level events to expose.
  }

  unwrap<T>(): T {
    return this.channel as T;
  }

  /** Nest normalizes the pattern on every lookup (a few per cent of a busy consumer); the handlers are fixed once listening. */
  private readonly handlers = new Map<string, ReturnType<Server['getHandlerByPattern']>>();
  private handlerFor(routingKey: string): ReturnType<Server['getHandlerByPattern']> {
    if (!this.handlers.has(routingKey)) this.handlers.set(routingKey, this.getHandlerByPattern(routingKey));
    return this.handlers.get(routingKey) ?? null;
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /**
   * Runs a stored message (a parked one staff republish) once more through the same checks — its original publisher
   * included — and handler, in this process: the inbox makes it idempotent, and nothing is published as another
   * service. A permanent failure comes back as the code it would be parked with; a transient one is thrown.
   */
  async handleAgain(content: Buffer, publishedBy: PublishedBy): Promise<HandlingOutcome> {
    const checked = checkIncoming(this.options.service, content, publishedBy);
    if (!checked.ok) return checked;
    const handler = this.handlerFor(checked.routingKey);
    if (!handler) return this.noHandler(checked.routingKey);
    try {
      await lastValueFrom(
        this.transformToObservable(await handler(checked.envelope, { attempt: 1, redelivered: true })),
        { defaultValue: undefined },
      );
      return { ok: true };
    } catch (e) {
      const failure = permanentFailure(e as Error);
      if (failure) return failure;
      throw e;
    }
  }

  private noHandler(routingKey: string) {
    return {
      ok: false,
      code: 'NO_HANDLER',
      reason: `${this.options.service} has no handler for ${routingKey}`,
    } as const;
  }

  /** One delivery inside its CONSUMER span (continuing the publisher's trace), counted and timed by outcome. */
  private onMessage(ch: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
    const labels = { consumer: this.options.service, event: msg.fields.routingKey };
    if (msg.fields.redelivered) consumerMetrics.redelivered.inc(labels);
    const timer = consumerMetrics.handlingSeconds.startTimer(labels);
    const attributes = {
      ...messageAttributes(msg.fields.routingKey, String(msg.properties.messageId ?? ''), undefined),
      'service.consumer': this.options.service,
    };
    return traceConsume(msg.properties.headers, msg.fields.routingKey, attributes, async (span) => {
      const outcome = await this.deliver(ch, msg, (payload) =>
        span.setAttributes(messageAttributes(msg.fields.routingKey, String(msg.properties.messageId ?? ''), payload)),
      );
      span.setAttribute('messaging.outcome', outcome);
      if (outcome === 'handled') consumerMetrics.handled.inc(labels);
      timer();
    });
  }

  /** Checks, handles and settles one delivery; says how it ended. */
  private async deliver(
    ch: ConfirmChannel,
    msg: ConsumeMessage,
    describe: (payload: unknown) => void,
  ): Promise<'handled' | 'parked' | 'requeued' | 'held'> {
    const attempt = Number(msg.properties.headers?.['x-delivery-count'] ?? 0) + 1;
    const checked = checkIncoming(this.options.service, msg.content, { userId: msg.properties.userId });
    if (!checked.ok) return this.park(ch, msg, checked.code, checked.reason);
    describe(checked.envelope.payload);

    const handler = this.handlerFor(checked.routingKey);
    if (!handler) {
      const none = this.noHandler(checked.routingKey);
      return this.park(ch, msg, none.code, none.reason);
    }

    const ctx: DeliveryContext = { attempt, redelivered: msg.fields.redelivered };
    for (let outage = 0; ; outage++) {
      try {
        await lastValueFrom(this.transformToObservable(await handler(checked.envelope, ctx)), {
          defaultValue: undefined,
        });
        this.settle(() => ch.ack(msg));
        return 'handled';
      } catch (e) {
        consumerMetrics.failed.inc({ consumer: this.options.service, event: msg.fields.routingKey });
        const err = e as Error;
        const failure = permanentFailure(err);
        if (failure) return this.park(ch, msg, failure.code, failure.reason);
        const kind = failureClass(err);
        if (kind === 'unavailable') {
          // The database is away (restart, failover): hold the message and try again in place, without spending its
          // attempts or the broker's delivery count, until it is back; the inbox makes a repeat harmless.
          if (this.closedChannels.has(ch)) return 'held'; // the broker redelivers it
          if (this.closing) return this.requeue(ch, msg);
          const delay = Math.min(this.retryBaseMs * 2 ** Math.min(outage, 4), 3000);
          if (outage % 10 === 0)
            this.logger.warn(
              `${checked.routingKey} ${checked.envelope.messageId}: dependency unavailable, retrying every ≤${delay} ms: ${err.message}`,
            );
          await new Promise((r) => setTimeout(r, delay));
          continue;
        }
        if (attempt >= this.maxAttempts)
          return this.park(ch, msg, 'RETRIES_EXHAUSTED', `after ${attempt} attempts: ${err.message}`);
        const delay = this.retryBaseMs * 2 ** (attempt - 1);
        this.logger.warn(
          `${checked.routingKey} ${checked.envelope.messageId} failed (${kind}, attempt ${attempt}), retrying in ${delay} ms: ${err.message}`,
        );
        await new Promise((r) => setTimeout(r, this.closing ? 0 : delay));
        return this.requeue(ch, msg);
      }
    }
  }

  /**
   * Copies the message to the service's parking queue with the reason, waits for the broker's confirm, then acks it.
   * The copy is published as this service (RabbitMQ refuses another user_id); the original publisher's user_id
   * travels in a header for the parked-message store.
   */
  private async park(
    ch: ConfirmChannel,
    msg: ConsumeMessage,
    code: string,
    reason: string,
  ): Promise<'parked' | 'requeued'> {
    this.logger.warn(`parking message ${msg.properties.messageId ?? '(no id)'} (${code}): ${reason}`);
    try {
      await new Promise<void>((resolve, reject) =>
        ch.publish(
          PARKING_EXCHANGE,
          this.options.service,
          msg.content,
          {
            ...msg.properties,
            userId: this.broker.userId,
            persistent: true,
            headers: {
              ...msg.properties.headers,
              [PARKED_HEADERS.code]: code,
              [PARKED_HEADERS.reason]: reason.slice(0, 2000),
              [PARKED_HEADERS.by]: this.options.service,
              [PARKED_HEADERS.at]: new Date().toISOString(),
              // Always set (empty: published without one), so a header the publisher made up never passes for it.
              [PARKED_HEADERS.originalUserId]: msg.properties.userId ? String(msg.properties.userId) : '',
              'x-original-routing-key': msg.fields.routingKey,
            },
          },
          (err) => (err ? reject(err) : resolve()),
        ),
      );
      this.settle(() => ch.ack(msg));
      consumerMetrics.parked.inc({ consumer: this.options.service, event: msg.fields.routingKey, code });
      return 'parked';
    } catch (e) {
      this.logger.error(`could not park message: ${(e as Error).message}; it will be redelivered`);
      return this.requeue(ch, msg);
    }
  }

  private requeue(ch: ConfirmChannel, msg: ConsumeMessage): 'requeued' {
    this.settle(() => ch.nack(msg, false, true));
    return 'requeued';
  }

  /** An ack on a channel that closed meanwhile throws; the broker redelivers and the inbox absorbs the duplicate. */
  private settle(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.logger.warn(`could not settle message: ${(e as Error).message}`);
    }
  }
}

/** The code and reason to park a message with at once, when its failure is permanent; null when a retry may help. */
function permanentFailure(err: Error): { ok: false; code: string; reason: string } | null {
  if (err instanceof PermanentMessageError) return { ok: false, code: err.code, reason: err.message };
  if (failureClass(err) !== 'data-rejected') return null;
  const refused = rejectedDataCode(err);
  return {
    ok: false,
    code: DATA_REJECTED,
    reason: `the database refused the message's data (SQLSTATE ${refused}): ${err.message}`,
  };
}
