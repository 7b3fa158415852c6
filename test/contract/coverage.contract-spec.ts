import { describe, expect, it } from '@jest/globals';
import { EVENT_CATALOG } from '#contracts';
import { consumersOf, expectedBy } from './support/message-pact.js';

/** Every event that crosses a service boundary is stated by each of its consumers in a pact. */
describe('contract coverage', () => {
  const crossings = EVENT_CATALOG.flatMap((def) =>
    def.consumers
      .filter((c) => c !== def.producer)
      .map((consumer) => [consumer, def.producer, def.routingKey] as const),
  );

  it.each(crossings)('%s has a pact with %s for %s', (consumer, producer, routingKey) => {
    expect(consumersOf(producer)).toContain(consumer);
    expect(expectedBy(consumer, producer)).toContain(routingKey);
  });
});
