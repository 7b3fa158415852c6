#!/usr/bin/env node
// Plants a reconciliation day with one difference of each kind, through the services' own HTTP APIs (run
// `npm run start:all` first): six СОЧИ payments are paid from a new wallet and reach COMPLETED; then MegaPay's
// register of their Bishkek day is made from ours with planted changes and uploaded as billing staff.
//   npm run --silent seed:reconciliation            → prints the day and the comparison as JSON on stdout
// Each run plants anew (its own wallet and keys); lines of other payments that day are copied unchanged, so only the
// planted ones differ. See docs/reconciliation.md.
import { randomInt } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { importJWK, SignJWT } from 'jose';
import { fromBuild } from './dist-import.mjs';

const url = (name, port) => process.env[`${name}_URL`] ?? `http://127.0.0.1:${port}`;
const ROUTER = url('PAYMENT_ROUTER', 3000);
const WALLET = url('WALLET', 3001);
const SOCHI = url('SOCHI_BALANCE', 3002);

const {
  DEVELOPMENT_PARTNER,
  DEVELOPMENT_STAFF_ISSUER: issuer,
  signedHeaders,
} = await fromBuild('libs/platform/src/auth/index.js');
const PARTNER = { keyid: DEVELOPMENT_PARTNER.keyid, secret: DEVELOPMENT_PARTNER.secret };
const billing = await new SignJWT({ roles: ['billing'], name: 'Сверка (seed)' })
  .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: issuer.privateJwk.kid })
  .setIssuer(issuer.issuer)
  .setAudience(issuer.audience)
  .setSubject('seed-reconciliation')
  .setIssuedAt()
  .setExpirationTime('10m')
  .sign(await importJWK(issuer.privateJwk, 'ES256'));

const RUN = `${Date.now().toString(36)}${randomInt(1000)}`;
const PHONE = `99677${String(randomInt(10_000_000)).padStart(7, '0')}`;
const INN = '01234567890123';
const OTHER_INN = '09999999999999';
const key = (n) => `seed-recon:${RUN}:${n}`;

/** A request as the development partner, or as billing staff with `{ staff: true }`; the answer as text and JSON. */
async function call(base, method, path, body, { headers = {}, staff = false } = {}) {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const sent = { ...(text ? { 'content-type': 'application/json' } : {}), ...headers };
  const auth = staff
    ? { authorization: `Bearer ${billing}` }
    : await signedHeaders(PARTNER, { method, url: `${base}${path}`, body: text, headers: sent });
  let res;
  try {
    res = await fetch(`${base}${path}`, {
      method,
      headers: { ...sent, ...auth },
      body: text,
    });
  } catch (e) {
    process.stderr.write(
      `seed-reconciliation: ${base} does not answer (${e.cause?.code ?? e.message}); start the system first: npm run start:all\n`,
    );
    process.exit(1);
  }
  const raw = await res.text();
  let data;
  try {
    data = JSON.parse(raw);
  } catch {
    data = undefined;
  }
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${raw}`);
  return { status: res.status, raw, data };
}

await call(WALLET, 'POST', '/v1/wallets', { phone: PHONE });
await call(
  WALLET,
  'POST',
  `/v1/wallets/${PHONE}/top-ups`,
  { amount: '500.00' },
  { headers: { 'Idempotency-Key': `seed-recon:${RUN}:top-up` } },
);
try {
  await call(SOCHI, 'POST', '/v1/sochi/organizations', { inn: INN, name: 'ОсОО «Демо Организация»' });
} catch (e) {
  if (!/ORGANIZATION_EXISTS/.test(e.message)) throw e;
}

// One payment per planted difference, and one that matches.
const planted = ['matched', 'amountDiffers', 'statusDiffers', 'missingOnTheirs', 'detailsDiffer'];
const ids = {};
for (const [i, kind] of planted.entries()) {
  const paid = await call(
    ROUTER,
    'POST',
    '/v1/payments',
    { phone: PHONE, service: 'SOCHI', account: INN, amount: `${(i + 1) * 10}.00` },
    { headers: { 'Idempotency-Key': key(kind) } },
  );
  ids[kind] = paid.data.id;
}
const finalAt = {};
for (const [kind, id] of Object.entries(ids)) {
  for (let tries = 0; ; tries++) {
    const { data } = await call(ROUTER, 'GET', `/v1/payments/${id}/timeline`, undefined, { staff: true });
    if (data.payment.finalAt) {
      if (data.payment.status !== 'COMPLETED')
        throw new Error(`payment ${id} ended ${data.payment.status} ${data.payment.reason}`);
      finalAt[kind] = data.payment.finalAt;
      break;
    }
    if (tries > 150)
      throw new Error(`payment ${id} is still ${data.payment.stage} after 30 s: are all four services running?`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
// The Bishkek day (UTC+6) the payments became final on; all six normally share it.
const day = new Date(Date.parse(finalAt.matched) + 6 * 3_600_000).toISOString().slice(0, 10);

const ours = parse(
  (await call(ROUTER, 'GET', `/v1/reconciliation/days/${day}/register`, undefined, { staff: true })).raw,
  { columns: true, skip_empty_lines: true },
);
const theirs = ours.flatMap((line) => {
  const row = {
    idempotency_key: line.idempotency_key,
    phone: line.phone,
    service: line.service,
    account: line.account,
    amount: line.amount,
    status: line.status,
    paid_at: line.final_at,
  };
  if (line.idempotency_key === key('amountDiffers')) return [{ ...row, amount: '30.00' }];
  if (line.idempotency_key === key('statusDiffers')) return [{ ...row, status: 'REFUNDED' }];
  if (line.idempotency_key === key('missingOnTheirs')) return [];
  if (line.idempotency_key === key('detailsDiffer')) return [{ ...row, account: OTHER_INN }];
  return [row];
});
theirs.push({
  idempotency_key: key('missingOnOurSide'),
  phone: PHONE,
  service: 'SOCHI',
  account: INN,
  amount: '60.00',
  status: 'COMPLETED',
  paid_at: finalAt.matched,
});
const megapayRegister = stringify(theirs, {
  header: true,
  columns: ['idempotency_key', 'phone', 'service', 'account', 'amount', 'status', 'paid_at'],
});

const result = await call(ROUTER, 'POST', `/v1/reconciliation/days/${day}`, { megapayRegister }, { staff: true });
const mine = result.data.differences.filter((d) => d.idempotencyKey.startsWith(`seed-recon:${RUN}:`));
process.stderr.write(
  `Reconciled ${day} with planted differences (keys seed-recon:${RUN}:<kind>, wallet ${PHONE}):\n` +
    mine.map((d) => `  ${d.kind.padEnd(17)} ${d.idempotencyKey}  difference ${d.id}\n`).join('') +
    `counts ${JSON.stringify(result.data.counts)}, unresolved ${result.data.unresolved}\n` +
    `Open it: GET ${ROUTER}/v1/reconciliation/days/${day} (staff token: npm run --silent staff-token -- --roles auditor)\n`,
);
process.stdout.write(
  `${JSON.stringify({ date: day, run: RUN, phone: PHONE, paymentIds: ids, differences: mine.map((d) => ({ id: d.id, kind: d.kind, idempotencyKey: d.idempotencyKey })) })}\n`,
);
