import { randomUUID } from 'node:crypto';
import { asStaff } from '../../test/support/test-credentials.js';
import { pool, request, type Reply } from './http.js';
import { sleep } from './stats.js';

export const WALLETS = 1000;
export const ORGS = 100;
export const UNKNOWN_INN = '99999999999999';

export const wallets = Array.from({ length: WALLETS }, (_, i) => String(996700000000 + i + 1));
export const orgs = Array.from({ length: ORGS }, (_, i) => String(30000000000000 + i + 1).padStart(14, '0'));

export type PaymentBody = { phone: string; service: 'SOCHI' | 'ECP'; account: string; amount: string };

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
const amount = () => `${1 + Math.floor(Math.random() * 9)}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;

/** A СОЧИ top-up of 1.00–9.99 som from a random wallet to a random organization: the measured payment. */
export const sochiPayment = (): PaymentBody => ({
  phone: pick(wallets),
  service: 'SOCHI',
  account: pick(orgs),
  amount: amount(),
});

/** The correctness run's mix: 15 % unknown INN (refunded), 15 % ЭЦП invoices each paid twice (one refunded), СОЧИ. */
export function mixedPayments(invoices: string[]): () => PaymentBody {
  let next = 0;
  return () => {
    const k = Math.random();
    if (k < 0.15) return { phone: pick(wallets), service: 'SOCHI', account: UNKNOWN_INN, amount: amount() };
    if (k < 0.3 && next < invoices.length * 2)
      return { phone: pick(wallets), service: 'ECP', account: invoices[next++ % invoices.length], amount: '25.00' };
    return sochiPayment();
  };
}

/**
 * A preparation request, tried again on 5xx or a refused connection: on this shared machine the server's
 * max_connections can be exhausted by others for a moment, and nothing is measured here yet.
 */
async function prepared(send: () => Promise<Reply>): Promise<Reply> {
  for (let attempt = 1; ; attempt++) {
    const res = await send().catch((e: Error) => ({ status: 0, body: e.message }));
    if ((res.status !== 0 && res.status < 500) || attempt === 10) return res;
    await sleep(1000);
  }
}

/** Wallets of 50 000.00 som, organizations and ЭЦП invoices of 25.00, all made over the services' HTTP APIs. */
export async function prepareSystem(
  at: (service: 'wallet' | 'sochi-balance' | 'ecp-invoicing') => string,
): Promise<{ toppedUp: bigint; invoices: string[] }> {
  let toppedUp = 0n;
  await pool(wallets, 32, async (phone) => {
    const created = await prepared(() => request(`${at('wallet')}/v1/wallets`, 'POST', { phone }));
    if (created.status !== 201) throw new Error(`wallet ${phone}: ${created.status} ${JSON.stringify(created.body)}`);
    const key = randomUUID();
    const topUp = await prepared(() =>
      request(
        `${at('wallet')}/v1/wallets/${phone}/top-ups`,
        'POST',
        { amount: '50000.00' },
        { 'Idempotency-Key': key },
      ),
    );
    if (topUp.status !== 201) throw new Error(`top-up ${phone}: ${topUp.status} ${JSON.stringify(topUp.body)}`);
    toppedUp += 5_000_000n;
  });
  await pool(orgs, 16, async (inn) => {
    const res = await prepared(() =>
      request(`${at('sochi-balance')}/v1/sochi/organizations`, 'POST', { inn, name: `ОсОО «Бенч ${inn.slice(-3)}»` }),
    );
    if (res.status !== 201) throw new Error(`organization ${inn}: ${res.status}`);
  });
  const staff = await asStaff('pricing');
  const priced = await prepared(() =>
    request(`${at('ecp-invoicing')}/v1/ecp/products/ACCOUNTANT_CLOUD`, 'PUT', { price: '25.00' }, staff),
  );
  if (priced.status !== 200) throw new Error(`product price: ${priced.status} ${JSON.stringify(priced.body)}`);
  const invoices: string[] = [];
  await pool(Array.from({ length: 60 }), 8, async () => {
    const res = await prepared(() =>
      request(`${at('ecp-invoicing')}/v1/ecp/registrations`, 'POST', {
        office: 'ONLINE',
        organizationName: 'ИП Бенчмарк',
        inn: '22222222222222',
        signerName: 'Бенчмарков Тест',
        signerRole: 'Индивидуальный предприниматель',
        phone: '996555000011',
        productCode: 'ACCOUNTANT_CLOUD',
      }),
    );
    if (res.status !== 201) throw new Error(`registration: ${res.status} ${JSON.stringify(res.body)}`);
    invoices.push(res.body.invoice.number);
  });
  return { toppedUp, invoices };
}
