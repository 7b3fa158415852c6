import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { lastValueFrom } from 'rxjs';
import { PARKED_HEADERS, PARKING_EXCHANGE, queueOf, type ServiceName } from '#contracts';
import type { BrokerConnection } from './broker-connection.js';
import { DATA_REJECTED, isDatabaseTimeout, isDependencyUnavailable, PermanentMessageError, rejectedDataCode } from './errors.js';
import { checkIncoming } from './incoming-message.js';

export interface InboxConsumerOptions {
  service: ServiceName;
  /** Unacknowledged messages in flight per instance. */
  prefetch?: number;
  /** Deliveries of one message before it is parked as RETRIES_EXHAUSTED. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt. */
  retryBaseMs?: number;
}

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
 * an unreachable database is waited for in place; other failures are retried with backoff, then parked. Nest's
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

  constructor(private readonly broker: BrokerConnection, private readonly options: InboxConsumerOptions) {
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

  private async onMessage(ch: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
    const attempt = Number(msg.properties.headers?.['x-delivery-count'] ?? 0) + 1;
    const checked = checkIncoming(this.options.service, msg.content);
    if (!checked.ok) return this.park(ch, msg, checked.code, checked.reason);

    const handler = this.handlerFor(checked.routingKey);
    if (!handler) return this.park(ch, msg, 'NO_HANDLER', `${this.options.service} has no handler for ${checked.routingKey}`);

    const ctx: DeliveryContext = { attempt, redelivered: msg.fields.redelivered };
    for (let outage = 0; ; outage++) {
      try {
        await lastValueFrom(this.transformToObservable(await handler(checked.envelope, ctx)), { defaultValue: undefined });
        this.settle(() => ch.ack(msg));
        return;
      } catch (e) {
        const err = e as Error;
        if (err instanceof PermanentMessageError) return this.park(ch, msg, err.code, err.message);
        const refused = rejectedDataCode(err);
        if (refused) return this.park(ch, msg, DATA_REJECTED, `the database refused the message's data (SQLSTATE ${refused}): ${err.message}`);
        if (isDependencyUnavailable(err)) {
          // The database is away (restart, failover): hold the message and try again in place, without spending its
          // attempts or the broker's delivery count, until it is back; the inbox makes a repeat harmless.
          if (this.closedChannels.has(ch)) return; // the broker redelivers it
          if (this.closing) return this.settle(() => ch.nack(msg, false, true));
          const delay = Math.min(this.retryBaseMs * 2 ** Math.min(outage, 4), 3000);
          if (outage % 10 === 0) this.logger.warn(`${checked.routingKey} ${checked.envelope.messageId}: dependency unavailable, retrying every ≤${delay} ms: ${err.message}`);
          await new Promise((r) => setTimeout(r, delay));
          continue;
        }
        if (attempt >= this.maxAttempts) return this.park(ch, msg, 'RETRIES_EXHAUSTED', `after ${attempt} attempts: ${err.message}`);
        const delay = this.retryBaseMs * 2 ** (attempt - 1);
        // A lock or statement timeout lands here on purpose: a busy row is worth another attempt, not a parking.
        const what = isDatabaseTimeout(err) ? 'timed out in the database' : 'failed';
        this.logger.warn(`${checked.routingKey} ${checked.envelope.messageId} ${what} (attempt ${attempt}), retrying in ${delay} ms: ${err.message}`);
        await new Promise((r) => setTimeout(r, this.closing ? 0 : delay));
        this.settle(() => ch.nack(msg, false, true));
        return;
      }
    }
  }

  /** Copies the message to the service's parking queue with the reason, waits for the broker's confirm, then acks it. */
  private async park(ch: ConfirmChannel, msg: ConsumeMessage, code: string, reason: string): Promise<void> {
    this.logger.warn(`parking message ${msg.properties.messageId ?? '(no id)'} (${code}): ${reason}`);
    try {
      await new Promise<void>((resolve, reject) =>
        ch.publish(
          PARKING_EXCHANGE,
          this.options.service,
          msg.content,
          {
            ...msg.properties,
            persistent: true,
            headers: {
              ...msg.properties.headers,
              [PARKED_HEADERS.code]: code,
              [PARKED_HEADERS.reason]: reason.slice(0, 2000),
              [PARKED_HEADERS.by]: this.options.service,
              [PARKED_HEADERS.at]: new Date().toISOString(),
              'x-original-routing-key': msg.fields.routingKey,
            },
          },
          (err) => (err ? reject(err) : resolve()),
        ),
      );
      this.settle(() => ch.ack(msg));
    } catch (e) {
      this.logger.error(`could not park message: ${(e as Error).message}; it will be redelivered`);
      this.settle(() => ch.nack(msg, false, true));
    }
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
