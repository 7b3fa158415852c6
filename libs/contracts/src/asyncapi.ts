import { z } from 'zod';
import { EVENT_CATALOG } from './catalog.js';
import type { EventDefinition } from './event-definition.js';
import { envelopeSchema, SERVICES } from './envelope.js';
import { EVENTS_EXCHANGE, queueOf } from './topology.js';

/** `payment.requested.v1` → `PaymentRequestedV1`. */
export function messageName(def: EventDefinition): string {
  return `${def.type}.v${def.version}`
    .split(/[.-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', io: 'output' }) as Record<
    string,
    unknown
  >;
  return rest;
}

/** The envelope of one event version, with its payload schema in place. */
function envelopeFor(def: EventDefinition): Record<string, unknown> {
  const envelope = jsonSchema(envelopeSchema) as { properties: Record<string, unknown> };
  return {
    ...envelope,
    properties: {
      ...envelope.properties,
      type: { type: 'string', const: def.type },
      version: { type: 'integer', const: def.version },
      producer: { type: 'string', const: def.producer },
      payload: jsonSchema(def.schema),
    },
  };
}

/**
 * The AsyncAPI 3 document of every integration event, generated from the catalog: one channel per routing key on
 * the topic exchange, a send operation for its producer and a receive operation per consumer.
 */
export function buildAsyncApi(catalog: readonly EventDefinition[] = EVENT_CATALOG): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const def of catalog) {
    const name = messageName(def);
    schemas[name] = envelopeFor(def);
    messages[name] = {
      name,
      title: def.routingKey,
      summary: def.summary,
      contentType: 'application/json',
      correlationId: {
        description: 'The payment (or flow) this message belongs to',
        location: '$message.payload#/correlationId',
      },
      payload: { $ref: `#/components/schemas/${name}` },
      bindings: { amqp: { messageType: def.type, bindingVersion: '0.3.0' } },
    };
    channels[name] = {
      address: def.routingKey,
      title: def.routingKey,
      description: `Routing key ${def.routingKey} on the topic exchange ${EVENTS_EXCHANGE}.`,
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
      bindings: {
        amqp: {
          is: 'routingKey',
          exchange: { name: EVENTS_EXCHANGE, type: 'topic', durable: true, autoDelete: false },
          bindingVersion: '0.3.0',
        },
      },
    };
    operations[`${def.producer}-sends-${name}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${name}` },
      summary: `${def.producer} publishes ${def.routingKey} through its transactional outbox (persistent, mandatory, with publisher confirms).`,
      tags: [{ name: def.producer }],
      messages: [{ $ref: `#/channels/${name}/messages/${name}` }],
      bindings: { amqp: { deliveryMode: 2, mandatory: true, bindingVersion: '0.3.0' } },
    };
    for (const consumer of def.consumers) {
      operations[`${consumer}-receives-${name}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${name}` },
        summary: `${consumer} consumes ${def.routingKey} from its quorum queue ${queueOf(consumer).queue} through its inbox (manual ack after commit).`,
        tags: [{ name: consumer }],
        messages: [{ $ref: `#/channels/${name}/messages/${name}` }],
        bindings: { amqp: { ack: true, bindingVersion: '0.3.0' } },
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Dos Tek Group MegaPay payments: integration events',
      version: '1.0.0',
      description:
        'Every event the four services exchange over RabbitMQ. Generated from libs/contracts; do not edit by hand ' +
        '(`npm run docs:contracts`). Amounts are whole tyiyn as digit strings. Each message is an envelope ' +
        '{messageId, type, version, occurredAt, correlationId, causationId, producer, payload}.',
      tags: SERVICES.map((s) => ({ name: s })),
    },
    defaultContentType: 'application/json',
    servers: {
      rabbitmq: {
        host: 'localhost:5672',
        protocol: 'amqp',
        protocolVersion: '0.9.1',
        description: 'RabbitMQ; the events exchange is declared by every service',
      },
    },
    channels,
    operations,
    components: { messages, schemas },
  };
}

/** A readable Markdown page of the same catalog, for people. */
export function renderEventsMarkdown(catalog: readonly EventDefinition[] = EVENT_CATALOG): string {
  const lines = [
    '# Integration events',
    '',
    'Generated from `libs/contracts` (`npm run docs:contracts`); the machine-readable form is [asyncapi.yaml](asyncapi.yaml).',
    `Every event is published to the topic exchange \`${EVENTS_EXCHANGE}\` with the routing key \`<type>.v<version>\`,`,
    'inside the envelope `{messageId, type, version, occurredAt, correlationId, causationId, producer, payload}`.',
    'Amounts are whole tyiyn as strings of digits.',
    '',
    '| Routing key | Producer | Consumers | Meaning |',
    '|---|---|---|---|',
    ...catalog.map(
      (d) =>
        `| \`${d.routingKey}\` | ${d.producer} | ${d.consumers.join(', ') || '(none yet: an integration point)'} | ${d.summary} |`,
    ),
    '',
  ];
  for (const d of catalog) {
    const schema = jsonSchema(d.schema) as {
      properties?: Record<
        string,
        { type?: string; pattern?: string; enum?: string[]; format?: string; anyOf?: unknown[] }
      >;
      required?: string[];
    };
    lines.push(`## \`${d.routingKey}\``, '', d.summary, '', '| Field | Type | Rule |', '|---|---|---|');
    for (const [field, s] of Object.entries(schema.properties ?? {})) {
      const rule = s.enum ? s.enum.join(' \\| ') : (s.pattern ?? s.format ?? (s.anyOf ? 'nullable' : ''));
      const optional = schema.required?.includes(field) ? '' : ' (optional)';
      lines.push(`| \`${field}\`${optional} | ${s.type ?? 'see schema'} | ${rule.replace(/\|/g, '\\|')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
