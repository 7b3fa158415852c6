import { describe, expect, it } from '@jest/globals';
import { startService } from '../../../test/support/service-harness.js';
import { TEST_NAMESPACE, TEST_POSTGRES_URL } from '../../../test/support/test-env.js';

describe("sochi-balance's database role at start-up", () => {
  it('refuses to start when DATABASE_URL connects as a superuser, whatever NODE_ENV says', async () => {
    const superuser = `${TEST_POSTGRES_URL}/dostek_it_${TEST_NAMESPACE}sochi_balance`;
    await expect(
      startService('sochi-balance', async () => (await import('../src/app.module.js')).AppModule, {
        DATABASE_URL: superuser,
      }),
    ).rejects.toThrow(/refusing to start: DATABASE_URL connects as "postgres", a superuser/);
  });
});
