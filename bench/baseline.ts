/**
 * The single-transaction baseline: the same debit and credit a СОЧИ payment makes, done by one process in ONE database
 * transaction (no messages, no inbox, no outbox). Closed loop: N concurrent connections for S seconds, prints
 * {clients, tps, errors}. Open loop (R1 of the benchmark): payments due at <rate>/s on a pool of N connections, a warm-up,
 * then the measured window; prints `measure` and `sent` lines as they happen, then an OpenLoopRun as JSON.
 * Usage: node dist/bench/baseline.js <database url> <clients> <seconds> <wallets> <orgs>  (the scratch database of bench/)
 *        node dist/bench/baseline.js <database url> <clients> <measure s> <wallets> <orgs> <rate> <warm-up s> <drain ms>
 */
import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openLoop } from './lib/open-loop.js';

const [url, clientsArg, secondsArg, walletsArg, orgsArg, rateArg, warmupArg, drainArg] = process.argv.slice(2);
const clients = Number(clientsArg);
const wallets = Number(walletsArg);
const orgs = Number(orgsArg);
const pool = new pg.Pool({ connectionString: url, max: clients });
let done = 0;
let errors = 0;
let stop = false;

/** One payment in one transaction; resolves with when it committed (epoch ms), undefined when it failed. */
async function pay(): Promise<number | undefined> {
  const phone = String(996700000000 + 1 + Math.floor(Math.random() * wallets));
  const inn = String(30000000000000 + 1 + Math.floor(Math.random() * orgs)).padStart(14, '0');
  const amount = 100 + Math.floor(Math.random() * 900);
  const paymentId = randomUUID();
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const w = await c.query(`SELECT balance FROM wallet.wallets WHERE phone = $1 FOR UPDATE`, [phone]);
    if (BigInt(w.rows[0].balance) < BigInt(amount)) throw new Error('insufficient');
    const { rows } = await c.query(
      `UPDATE wallet.wallets SET balance = balance - $2 WHERE phone = $1 RETURNING balance`,
      [phone, amount],
    );
    await c.query(
      `INSERT INTO wallet.wallet_ledger (phone, kind, amount, balance_after, payment_id, service, account, turnover_month) VALUES ($1, 'DEBIT', $2, $3, $4, 'SOCHI', $5, $6)`,
      [phone, amount, rows[0].balance, paymentId, inn, month],
    );
    await c.query(`UPDATE wallet.wallet_month_turnover SET amount = amount + $3 WHERE phone = $1 AND month = $2`, [
      phone,
      month,
      amount,
    ]);
    const o = await c.query(`UPDATE sochi.organizations SET balance = balance + $2 WHERE inn = $1 RETURNING balance`, [
      inn,
      amount,
    ]);
    await c.query(
      `INSERT INTO sochi.sochi_ledger (inn, kind, payment_id, amount, balance_after, payer_phone) VALUES ($1, 'TOP_UP', $2, $3, $4, $5)`,
      [inn, paymentId, amount, o.rows[0].balance, phone],
    );
    await c.query('COMMIT');
    done++;
    return Date.now();
  } catch {
    errors++;
    await c.query('ROLLBACK').catch(() => undefined);
    return undefined;
  } finally {
    c.release();
  }
}

const seconds = Number(secondsArg);
// The month as the scratch database's seed wrote it.
const month = String((await pool.query(`SELECT to_char(now(), 'YYYY-MM') AS m`)).rows[0].m);
if (rateArg) {
  const run = await openLoop(pay, Number(rateArg), Number(warmupArg), seconds, Number(drainArg), {
    onMeasure: () => void process.stdout.write('measure\n'),
    onSent: () => void process.stdout.write('sent\n'),
  });
  await pool.end();
  // The run's latencies (hundreds of kilobytes at 900/s for 20 s) go to a file the parent names: parsing them out of
  // a pipe shared with the hook lines once read a corrupted result.
  writeFileSync(process.env.BENCH_RESULT_FILE!, JSON.stringify(run));
  process.exit(0);
}
const started = Date.now();
setTimeout(() => (stop = true), seconds * 1000);
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (!stop) await pay();
  }),
);
const elapsed = (Date.now() - started) / 1000;
await pool.end();
process.stdout.write(JSON.stringify({ clients, tps: done / elapsed, errors }));
