import { spawn, type ChildProcess } from 'node:child_process';
import { MONOLITH_ORGANIZATIONS, MONOLITH_SCHEMA, MONOLITH_WALLETS } from '../monolith/schema.js';
import { request } from './http.js';
import { freshDatabase } from './reference.js';
import { sleep } from './stats.js';

/** R2, the fair monolith (bench/monolith/), as a process of its own on a database of its own. */
export class Monolith {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  /** Creates the database afresh (schema and seed), starts the process and waits until it answers. */
  static async start(
    root: string,
    serverUrl: string,
    database: string,
    port: number,
    wallets: number,
    orgs: number,
  ): Promise<Monolith> {
    const db = await freshDatabase(serverUrl, database);
    try {
      await db.query(MONOLITH_SCHEMA);
      await db.query(MONOLITH_WALLETS, [wallets]);
      await db.query(MONOLITH_ORGANIZATIONS, [orgs]);
      await db.query('VACUUM ANALYZE');
    } finally {
      await db.end();
    }
    const child = spawn(process.execPath, [`${root}/dist/bench/monolith/main.js`], {
      cwd: root,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        DATABASE_URL: `${serverUrl}/${database}`,
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const monolith = new Monolith(child, `http://127.0.0.1:${port}`);
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`the monolith exited ${child.exitCode}`);
      const res = await request(`${monolith.url}/v1/payments`, 'POST', {}).catch(() => undefined);
      if (res) break;
      if (i > 150) throw new Error('the monolith did not answer within 30 s');
      await sleep(200);
    }
    return monolith;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}
