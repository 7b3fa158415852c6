#!/usr/bin/env node
// Re-seals every private key ecp-invoicing stores under the first key of ECP_KEY_ENCRYPTION_KEYS (key rotation,
// docs/ecp.md), with the service's own settings (DATABASE_URL, ECP_KEY_ENCRYPTION_KEYS …) from the environment:
//   ECP_KEY_ENCRYPTION_KEYS="k2:<new>,k1:<old>" npm run ecp:reseal-keys [-- --batch 100 --pause-ms 50]
// The service keeps running meanwhile, with the same list. Exits 1 if any row could not be re-sealed.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { fromBuild } from './dist-import.mjs';

const { values } = parseArgs({
  options: { batch: { type: 'string', default: '100' }, 'pause-ms': { type: 'string', default: '0' } },
});
const { ecpInvoicingConfig } = await fromBuild('apps/ecp-invoicing/src/ecp-invoicing.config.js');
const { developmentSecretsIn } = await fromBuild('libs/platform/src/development-secrets.js');
const { KeySealer } = await fromBuild('apps/ecp-invoicing/src/certificates/key-sealer.js');
const { resealKeys } = await fromBuild('apps/ecp-invoicing/src/reseal-keys/reseal-keys.js');

const config = ecpInvoicingConfig();
// Only the key-encryption key matters here; the service refuses the rest at its own start.
const development = developmentSecretsIn('ecp-invoicing', config).filter((s) =>
  s.startsWith('ECP_KEY_ENCRYPTION_KEYS'),
);
if (development.length > 0) {
  process.stderr.write(
    `refusing to re-seal under a development key with NODE_ENV=production:\n  ${development.join('\n  ')}\n`,
  );
  process.exit(1);
}
const sealer = new KeySealer(config.ECP_KEY_ENCRYPTION_KEYS);
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 2 });
try {
  const report = await resealKeys(pool, sealer, { batch: Number(values.batch), pauseMs: Number(values['pause-ms']) });
  process.stdout.write(
    `re-sealed ${report.resealed} key(s) under "${sealer.keyId}"; ${report.alreadyCurrent} already were; ${report.failed.length} failed\n`,
  );
  for (const f of report.failed) process.stdout.write(`  ${f.row}: ${f.reason}\n`);
  process.exitCode = report.failed.length > 0 ? 1 : 0;
} finally {
  await pool.end();
}
