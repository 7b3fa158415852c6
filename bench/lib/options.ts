/** The benchmark's command line, typed once: `npm run bench [-- --full] [-- --instances 2] [-- --rates 25,50]`. */
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const numbers = (s: string) => s.split(',').map(Number).filter(Number.isFinite);

/** The open-loop rates; a target stops at the first level it does not complete. */
export const ALL_RATES = [25, 50, 100, 150, 200, 300, 400, 500, 600, 750, 900];

export interface BenchOptions {
  argv: string[];
  full: boolean;
  instances: number;
  /** Interleaved repetitions of system, R1, R2 (three with --full: a figure counts when the median and 2 of 3 meet it). */
  repetitions: number;
  rates: number[];
  warmupSeconds: number;
  measureSeconds: number;
  /** A level is overloaded when fewer than 99 % complete or its p99 passes this (ms); the sweep stops there. */
  overloadP99Ms: number;
  /** The client-observed passes (50 ms polling, long-poll, callback) run at these rates. */
  observedRates: number[];
  references: boolean;
  correctness: boolean;
  /** Restart the (shared!) RabbitMQ during the correctness run: on only with --full, or --broker-restart. */
  brokerRestart: boolean;
  pgbench: boolean;
}

export function parseOptions(): BenchOptions {
  const full = flag('full');
  return {
    argv,
    full,
    instances: Number(option('instances', '1')),
    repetitions: Number(option('repetitions', full ? '3' : '1')),
    rates: numbers(option('rates', ALL_RATES.join(','))),
    warmupSeconds: Number(option('warmup-seconds', full ? '5' : '2')),
    measureSeconds: Number(option('measure-seconds', full ? '20' : '6')),
    overloadP99Ms: Number(option('overload-p99-ms', '2000')),
    observedRates: numbers(option('observed-rates', full ? '50,100' : '100')),
    references: !flag('skip-reference'),
    correctness: !flag('skip-correctness'),
    brokerRestart: flag('broker-restart') || (full && !flag('no-broker-restart')),
    pgbench: !flag('skip-pgbench'),
  };
}
