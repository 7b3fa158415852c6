import { Counter, Histogram } from 'prom-client';

/** Labels: the consuming service and the event's routing key — both bounded by the topology (libs/contracts). */
type ConsumerLabels = 'consumer' | 'event';

/** What each service's inbox consumer did with the messages it received (docs/observability.md). */
export const consumerMetrics = {
  handled: new Counter<ConsumerLabels>({
    name: 'dostek_messages_handled_total',
    help: 'Messages whose handler committed (acked)',
    labelNames: ['consumer', 'event'],
  }),
  failed: new Counter<ConsumerLabels>({
    name: 'dostek_messages_failed_total',
    help: 'Handler runs that failed (retried, held or parked after)',
    labelNames: ['consumer', 'event'],
  }),
  parked: new Counter<ConsumerLabels | 'code'>({
    name: 'dostek_messages_parked_total',
    help: 'Messages copied to the parking queue, by code',
    labelNames: ['consumer', 'event', 'code'],
  }),
  redelivered: new Counter<ConsumerLabels>({
    name: 'dostek_messages_redelivered_total',
    help: 'Deliveries the broker marked as redelivered',
    labelNames: ['consumer', 'event'],
  }),
  // From a millisecond (an inbox duplicate) to the seconds of a retried or held message.
  handlingSeconds: new Histogram<ConsumerLabels>({
    name: 'dostek_message_handling_seconds',
    help: 'From delivery to ack, park or requeue',
    labelNames: ['consumer', 'event'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  }),
};
