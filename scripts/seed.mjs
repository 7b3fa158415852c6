#!/usr/bin/env node
// Creates the demo data of the MegaPay screen through the services' own HTTP APIs (run `npm run start:all` first):
// wallet 996555000001 with 67.38 som, an organization for СОЧИ, and an ЭЦП client's registration with its invoice.
// Safe to run again (each run registers the ЭЦП client anew, with a new invoice).
import { fromBuild } from './dist-import.mjs';

const url = (name, port) => process.env[`${name}_URL`] ?? `http://127.0.0.1:${port}`;
const WALLET = url('WALLET', 3001);
const SOCHI = url('SOCHI_BALANCE', 3002);
const ECP = url('ECP_INVOICING', 3003);

const { DEVELOPMENT_PARTNER, signedHeaders } = await fromBuild('libs/platform/src/auth/index.js');
const PARTNER = { keyid: DEVELOPMENT_PARTNER.keyid, secret: DEVELOPMENT_PARTNER.secret };

const PHONE = '996555000001';
const INN = '01234567890123';

/** A request signed as the development partner (every partner scope): the services answer no anonymous caller. */
async function call(base, method, path, body, headers = {}) {
  let res;
  try {
    const text = body && JSON.stringify(body);
    const sent = { ...(text ? { 'content-type': 'application/json' } : {}), ...headers };
    const signed = await signedHeaders(PARTNER, { method, url: `${base}${path}`, body: text, headers: sent });
    res = await fetch(`${base}${path}`, {
      method,
      headers: { ...sent, ...signed },
      body: text,
    });
  } catch (e) {
    process.stderr.write(
      `seed: ${base} does not answer (${e.cause?.code ?? e.message}); start the system first: npm run start:all\n`,
    );
    process.exit(1);
  }
  const data = await res.json().catch(() => ({}));
  return { status: res.status, data };
}

const created = await call(WALLET, 'POST', '/v1/wallets', { phone: PHONE });
if (created.status !== 201 && created.data.code !== 'WALLET_EXISTS')
  throw new Error(`wallet: ${JSON.stringify(created.data)}`);
// A fixed Idempotency-Key: running the seed again does not top up twice.
const topUp = await call(
  WALLET,
  'POST',
  `/v1/wallets/${PHONE}/top-ups`,
  { amount: '67.38' },
  { 'Idempotency-Key': `seed:${PHONE}:initial` },
);
if (topUp.status >= 300) throw new Error(`top-up: ${JSON.stringify(topUp.data)}`);
const wallet = (await call(WALLET, 'GET', `/v1/wallets/${PHONE}`)).data;

const org = await call(SOCHI, 'POST', '/v1/sochi/organizations', { inn: INN, name: 'ОсОО «Демо Организация»' });
if (org.status !== 201 && org.data.code !== 'ORGANIZATION_EXISTS')
  throw new Error(`organization: ${JSON.stringify(org.data)}`);
const organization = (await call(SOCHI, 'GET', `/v1/sochi/organizations/${INN}`)).data;

// An invoice comes only from a registration, for its product's price (DIRECTOR_CLOUD: 1510.00).
const registration = await call(ECP, 'POST', '/v1/ecp/registrations', {
  office: 'ONLINE',
  organizationName: 'ИП Асанов Бакыт',
  inn: '22222222222222',
  signerName: 'Асанов Бакыт Асанович',
  signerRole: 'Индивидуальный предприниматель',
  phone: '996555000002',
  productCode: 'DIRECTOR_CLOUD',
});
if (registration.status !== 201) throw new Error(`ЭЦП registration: ${JSON.stringify(registration.data)}`);
const invoice = registration.data.invoice;

process.stdout.write(`Seeded:
  wallet        ${PHONE}: balance ${wallet.balance} som, turnover this month ${wallet.monthTurnover}, available up to ${wallet.availableThisMonth}
  organization  INN ${INN} "${organization.name}": СОЧИ balance ${organization.balance} som
  ЭЦП invoice   ${invoice.number}: ${invoice.amount} som, ${invoice.status} (registration ${registration.data.id}, ${registration.data.product.code}, office ${registration.data.office})

Every request is signed (RFC 9421) as the development partner, keyid "${PARTNER.keyid}" (its secret is in the README);
scripts/sign-request.mjs signs one for curl. Try:
  node scripts/sign-request.mjs POST http://127.0.0.1:3000/v1/payments/check \\
    '{"phone":"${PHONE}","service":"SOCHI","account":"${INN}","amount":"50.00"}' | curl -s -K -
  node scripts/sign-request.mjs POST http://127.0.0.1:3000/v1/payments \\
    '{"phone":"${PHONE}","service":"SOCHI","account":"${INN}","amount":"50.00"}' "Idempotency-Key: $(date +%s%N)" | curl -s -K -
  node scripts/sign-request.mjs GET http://127.0.0.1:3000/v1/payments/<id> | curl -s -K -
Staff (billing, registrar, pricing, treasury, auditor) use a token: npm run --silent staff-token -- --roles billing
`);
