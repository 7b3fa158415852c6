// The back office at 100 000 payments: plants them (bulk inserts straight into the test databases of payment-router,
// wallet and sochi-balance — the services' own writes would take an hour on this machine), then times in Debian's
// Chromium the page loads billing staff wait for: the search by phone and a payment's page (its story across the
// services). Prints the numbers as JSON and a Markdown table for docs/back-office.md.
//   npm run bench:back-office [-- --payments 100000 --runs 7]
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { RunningBackOffice } from '../test/support/back-office.js';
import { launchChromium, signIn } from '../test/support/browser.js';
import { RunningSystem } from '../test/support/system.js';
import { signedFetch } from '../test/support/test-credentials.js';
import { TEST_PORT_OFFSET } from '../test/support/test-env.js';

const { values } = parseArgs({
  options: { payments: { type: 'string', default: '100000' }, runs: { type: 'string', default: '7' } },
});
const PAYMENTS = Number(values.payments);
const RUNS = Number(values.runs);
const PHONES = 20_000;
const ORGANIZATIONS = 1_000;
const REAL_PHONE = '996555400001';
const REAL_INN = '01234567890123';
/** A planted phone: PAYMENTS / PHONES payments of its own among all the others. */
const SEARCHED_PHONE = `996700${String(42).padStart(6, '0')}`;

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  signedFetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

async function plant(system: RunningSystem): Promise<void> {
  const started = Date.now();
  // One id per planted payment, the same in every database: md5 of its number.
  const id = `md5('bench-' || g)::uuid`;
  const phone = `'996700' || lpad((g % ${PHONES})::text, 6, '0')`;
  const inn = `'5' || lpad((g % ${ORGANIZATIONS})::text, 13, '0')`;
  const sochi = `g % 3 <> 0`;
  const amount = `(g % 50000 + 100)::bigint`;
  // Spread over the last 30 days, newest first.
  const createdAt = `now() - make_interval(secs => g * ${Math.floor((30 * 86_400) / PAYMENTS)})`;
  const router = await system.db('payment-router');
  await router.query(`
    INSERT INTO payments (id, idempotency_key, request_fingerprint, phone, service, account, amount, stage, reason, created_at, updated_at)
    SELECT ${id}, 'bench-' || g, 'bench', ${phone}, CASE WHEN ${sochi} THEN 'SOCHI' ELSE 'ECP' END,
           CASE WHEN ${sochi} THEN ${inn} ELSE '4' || lpad(g::text, 15, '0') END, ${amount},
           CASE WHEN g % 50 = 0 THEN 'REJECTED' ELSE 'COMPLETED' END, CASE WHEN g % 50 = 0 THEN 'INSUFFICIENT_FUNDS' END,
           ${createdAt}, ${createdAt}
    FROM generate_series(1, ${PAYMENTS}) g`);
  await router.query(`
    INSERT INTO payment_steps (payment_id, stage, reason, at)
    SELECT id, s.stage, CASE WHEN s.stage = 'REJECTED' THEN reason END, created_at + s.after
    FROM payments, LATERAL (VALUES ('AWAITING_DEBIT', interval '0'), ('AWAITING_PAYEE', interval '40 ms'), (stage, interval '90 ms')) s(stage, after)
    WHERE idempotency_key LIKE 'bench-%' AND (s.stage <> 'AWAITING_PAYEE' OR payments.stage = 'COMPLETED')`);
  const wallet = await system.db('wallet');
  await wallet.query(
    `INSERT INTO wallets (phone, balance) SELECT '996700' || lpad(g::text, 6, '0'), 0 FROM generate_series(0, ${PHONES - 1}) g`,
  );
  await wallet.query(`
    INSERT INTO wallet_ledger (phone, kind, amount, balance_after, payment_id, service, account, turnover_month, created_at)
    SELECT ${phone}, 'DEBIT', ${amount}, 0, ${id}, CASE WHEN ${sochi} THEN 'SOCHI' ELSE 'ECP' END,
           CASE WHEN ${sochi} THEN ${inn} ELSE '4' || lpad(g::text, 15, '0') END, to_char(${createdAt}, 'YYYY-MM'), ${createdAt}
    FROM generate_series(1, ${PAYMENTS}) g WHERE g % 50 <> 0`);
  const sochiDb = await system.db('sochi-balance');
  await sochiDb.query(
    `INSERT INTO organizations (inn, name, balance) SELECT '5' || lpad(g::text, 13, '0'), 'ОсОО «Организация ' || g || '»', 0 FROM generate_series(0, ${ORGANIZATIONS - 1}) g`,
  );
  await sochiDb.query(`
    INSERT INTO sochi_ledger (inn, kind, payment_id, amount, balance_after, payer_phone, created_at)
    SELECT ${inn}, 'TOP_UP', ${id}, ${amount}, 0, ${phone}, ${createdAt}
    FROM generate_series(1, ${PAYMENTS}) g WHERE ${sochi} AND g % 50 <> 0`);
  for (const db of [router, wallet, sochiDb]) await db.query('ANALYZE');
  process.stdout.write(`planted ${PAYMENTS} payments in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const system = await RunningSystem.start({ dbPrefix: 'dostek_bobench_', basePort: 5400 });
const office = await RunningBackOffice.start(system, 5404 + TEST_PORT_OFFSET);
const browser = await launchChromium();
try {
  await post(`${system.url('wallet')}/v1/wallets`, { phone: REAL_PHONE });
  await post(
    `${system.url('wallet')}/v1/wallets/${REAL_PHONE}/top-ups`,
    { amount: '5000.00' },
    { 'Idempotency-Key': randomUUID() },
  );
  await post(`${system.url('sochi-balance')}/v1/sochi/organizations`, {
    inn: REAL_INN,
    name: 'ОсОО «Ала-Тоо Консалт»',
  });
  await plant(system);
  const paid = (await (
    await post(
      `${system.url('payment-router')}/v1/payments`,
      { phone: REAL_PHONE, service: 'SOCHI', account: REAL_INN, amount: '150.00' },
      { 'Idempotency-Key': randomUUID() },
    )
  ).json()) as { id: string };
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await signIn(page, office.url, 'Замер', ['auditor']);
  /** The page from navigation to its data on screen, and (Resource Timing) the data's own call to the BFF. */
  const time = async (path: string, api: string, ready: () => Promise<unknown>) => {
    const samples: number[] = [];
    const apiSamples: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      await page.goto('about:blank');
      const started = Date.now();
      await page.goto(`${office.url}${path}`);
      await ready();
      if (i === 0) continue; // the first load warms the caches
      samples.push(Date.now() - started);
      const calls = await page.evaluate(
        (part) =>
          performance
            .getEntriesByType('resource')
            .filter((e) => e.name.includes(part))
            .map((e) => e.duration),
        api,
      );
      apiSamples.push(Math.round(Math.max(...calls)));
    }
    return {
      medianMs: median(samples),
      maxMs: Math.max(...samples),
      apiMedianMs: median(apiSamples),
      runs: samples.length,
    };
  };
  const search = await time(`/payments?phone=${SEARCHED_PHONE}`, '/v1/payments?', () =>
    page.getByTestId('payments-total').waitFor(),
  );
  const found = await page.getByTestId('payments-total').textContent();
  const story = await time(`/payments/${paid.id}`, '/story', () =>
    page.getByTestId('payment-timeline').getByText('Зачислено получателю').waitFor(),
  );
  const result = {
    payments: PAYMENTS,
    phones: PHONES,
    searchedPhone: SEARCHED_PHONE,
    found,
    searchByPhone: search,
    paymentStory: story,
    at: new Date().toISOString(),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(
    [
      '| page (in Chromium, from navigation to the data shown) | median | slowest | its API call (median) | runs |',
      '|---|---|---|---|---|',
      `| search by phone (${found}) | ${search.medianMs} ms | ${search.maxMs} ms | ${search.apiMedianMs} ms | ${search.runs} |`,
      `| a payment's page: its story, wallet and СОЧИ lines | ${story.medianMs} ms | ${story.maxMs} ms | ${story.apiMedianMs} ms | ${story.runs} |`,
      '',
    ].join('\n'),
  );
} finally {
  await browser.close();
  await office.stop();
  await system.stop();
}
