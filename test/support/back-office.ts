import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_NAMESPACE } from './test-env.js';
import type { RunningSystem } from './system.js';

const root = (() => {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  while (!existsSync(`${dir}/package.json`) && dirname(dir) !== dir) dir = dirname(dir);
  return dir.replace(/\/+$/, '');
})();

/**
 * The back office (apps/back-office, from dist/ with its built UI) as its own process beside a running system,
 * calling the system's four services over HTTP as it does in production. Its clock offset is the system's.
 */
export class RunningBackOffice {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(
    system: RunningSystem,
    port: number,
    env: Record<string, string> = {},
  ): Promise<RunningBackOffice> {
    mkdirSync(`${root}/test-logs`, { recursive: true });
    const log = createWriteStream(`${root}/test-logs/${TEST_NAMESPACE}back-office-${port}.log`, { flags: 'a' });
    const child = spawn(process.execPath, [`${root}/dist/apps/back-office/src/main.js`], {
      cwd: root,
      env: {
        ...process.env,
        // Said explicitly: the development sign-in the tests use is offered in no other mode.
        NODE_ENV: 'test',
        NODE_OPTIONS: '',
        PORT: String(port),
        PAYMENT_ROUTER_URL: system.url('payment-router'),
        WALLET_URL: system.url('wallet'),
        SOCHI_BALANCE_URL: system.url('sochi-balance'),
        ECP_INVOICING_URL: system.url('ecp-invoicing'),
        CLOCK_OFFSET_MS: String(system.clockOffsetMs),
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    child.once('close', () => log.end());
    const office = new RunningBackOffice(child, `http://127.0.0.1:${port}`);
    await office.waitHealthy();
    return office;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }

  private async waitHealthy(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null)
        throw new Error(`back-office exited with ${this.child.exitCode} while starting; see test-logs/`);
      try {
        if ((await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(1000) })).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('back-office did not become healthy within 30 s; see test-logs/');
  }
}
