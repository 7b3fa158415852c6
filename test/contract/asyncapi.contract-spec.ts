import { describe, expect, it } from '@jest/globals';
import { Parser } from '@asyncapi/parser';
import { stringify } from 'yaml';
import { buildAsyncApi, EVENT_CATALOG, renderEventsMarkdown } from '#contracts';
import { expectCommitted } from './support/generated-document.js';

describe('the AsyncAPI document', () => {
  const yaml = stringify(buildAsyncApi(), { lineWidth: 0, aliasDuplicateObjects: false });

  it('is valid AsyncAPI 3 by @asyncapi/parser', async () => {
    const { diagnostics } = await new Parser().parse(yaml);
    const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
  });

  it('describes every event in libs/contracts', () => {
    const doc = buildAsyncApi() as { channels: Record<string, { address: string }> };
    expect(
      Object.values(doc.channels)
        .map((c) => c.address)
        .sort(),
    ).toEqual(EVENT_CATALOG.map((d) => d.routingKey).sort());
  });

  it('is committed as docs/asyncapi.yaml, with its readable page docs/events.md, exactly as generated', () => {
    expectCommitted('docs/asyncapi.yaml', yaml);
    expectCommitted('docs/events.md', renderEventsMarkdown());
  });
});
