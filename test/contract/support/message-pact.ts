import {
  MatchersV3,
  MessageConsumerPact,
  MessageProviderPact,
  asynchronousBodyHandler,
  type MessageProviders,
} from '@pact-foundation/pact';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventDefinition, ServiceName } from '#contracts';
import { checkIncoming } from '#messaging';

const { like, regex, uuid, integer } = MatchersV3;

/** Pact files, written by the consumers' tests and verified by the producers' tests in the same run. */
export const PACT_DIR = fileURLToPath(new URL('../../../pacts', import.meta.url));

const ISO_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';

/** Matchers for the payload fields consumers rely on. */
export const field = {
  uuid: () => uuid('6b2f1c8e-4a7d-4f3b-9a51-2f0c7d9e8a11'),
  phone: () => regex('^996[0-9]{9}$', '996555000001'),
  inn: () => regex('^[0-9]{14}$', '01234567890123'),
  invoiceNumber: () => regex('^[0-9]{16}$', '4000000000000002'),
  /** A payment's account as its payee takes it: the INN of a СОЧИ top-up or the invoice number of an ЭЦП payment. */
  payeeAccount: () => regex('^([0-9]{14}|[0-9]{16})$', '01234567890123'),
  tyiyn: (example = '15000') => regex('^(0|[1-9][0-9]*)$', example),
  time: () => regex(ISO_TIME, '2026-11-26T08:30:00.000Z'),
  oneOf: (values: readonly string[], example = values[0]) => regex(`^(${values.join('|')})$`, example),
  text: (example: string) => like(example),
};

/**
 * The envelope around an event as a consumer relies on it: type, version and producer exactly, the ids and time by
 * shape. `caused` is false only for events that start a flow (their causationId is null).
 */
export function envelopeOf(def: EventDefinition, payload: Record<string, unknown>, caused = true) {
  return {
    messageId: field.uuid(),
    type: def.type,
    version: integer(def.version),
    occurredAt: field.time(),
    correlationId: like('6b2f1c8e-4a7d-4f3b-9a51-2f0c7d9e8a11'),
    causationId: caused ? like('0d7c5a3e-1b2f-4c6d-8e9f-a0b1c2d3e4f5') : null,
    producer: def.producer,
    payload,
  };
}

/**
 * A consumer states that it relies on a message: the example is recorded in pacts/<consumer>-<producer>.json and
 * the consumer's own acceptance check (the one its transport runs before any handler) must accept it.
 */
export async function consumerRelies(
  consumer: ServiceName,
  def: EventDefinition,
  payload: Record<string, unknown>,
  caused = true,
) {
  const pact = new MessageConsumerPact({ consumer, provider: def.producer, dir: PACT_DIR, logLevel: 'error' });
  await pact
    .expectsToReceive(def.routingKey)
    .withContent(envelopeOf(def, payload, caused))
    .verify(
      asynchronousBodyHandler(async (body: unknown) => {
        const checked = checkIncoming(consumer, JSON.stringify(body));
        if (!checked.ok) throw new Error(`${consumer} would park ${def.routingKey}: ${checked.code} ${checked.reason}`);
      }),
    );
}

/** The consumers that hold a pact with this producer. */
export function consumersOf(provider: ServiceName): string[] {
  if (!existsSync(PACT_DIR)) return [];
  return readdirSync(PACT_DIR)
    .filter((f) => f.endsWith('.json'))
    .map(
      (f) =>
        JSON.parse(readFileSync(join(PACT_DIR, f), 'utf8')) as {
          consumer: { name: string };
          provider: { name: string };
        },
    )
    .filter((p) => p.provider.name === provider)
    .map((p) => p.consumer.name)
    .sort();
}

/** The message descriptions (routing keys) a consumer's pact expects from this producer. */
export function expectedBy(consumer: string, provider: ServiceName): string[] {
  const pact = JSON.parse(readFileSync(join(PACT_DIR, `${consumer}-${provider}.json`), 'utf8')) as {
    messages: { description: string }[];
  };
  return pact.messages.map((m) => m.description);
}

/**
 * Verifies that what the producer really produces satisfies one consumer's pact. Rejects with an error naming
 * the consumer and the messages it would not accept.
 */
export async function verifyConsumerPact(
  provider: ServiceName,
  consumer: string,
  messageProviders: MessageProviders,
): Promise<void> {
  try {
    await new MessageProviderPact({
      provider,
      messageProviders,
      pactUrls: [join(PACT_DIR, `${consumer}-${provider}.json`)],
      logLevel: 'error',
    }).verify();
  } catch (e) {
    throw new Error(
      `${provider} breaks the contract of its consumer ${consumer} (pacts/${consumer}-${provider}.json): ${(e as Error).message}`,
      { cause: e },
    );
  }
}
