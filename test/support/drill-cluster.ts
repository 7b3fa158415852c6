import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { freePort } from './free-port.js';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

/** Runs one of PostgreSQL's server programs, as the postgres user when we are root (a server never runs as root). */
function serverProgram(program: string, args: string[]): string {
  const [cmd, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', `${PG_BIN}/${program}`, ...args]]
    : [`${PG_BIN}/${program}`, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * A PostgreSQL cluster of the restore drill's own, in a temporary folder on a free port, archiving its WAL into
 * `walArchive` — so that the drill never changes the configuration of the machine's shared PostgreSQL.
 */
export class DrillCluster {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<DrillCluster> {
    const dir = mkdtempSync(`${tmpdir()}/dostek-drill-`);
    const cluster = new DrillCluster(dir, await freePort());
    mkdirSync(cluster.walArchive);
    if (asRoot) execFileSync('chown', ['-R', 'postgres:', dir]);
    chmodSync(dir, 0o755);
    serverProgram('initdb', [
      '-D',
      cluster.dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale',
      'C.UTF-8',
      '--no-sync',
    ]);
    const conf = [
      `port = ${cluster.port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      `max_connections = 200`,
      `wal_level = replica`,
      `archive_mode = on`,
      // Never overwrite a segment already archived: a second copy of one name means two histories.
      `archive_command = 'test ! -f ${cluster.walArchive}/%f && cp %p ${cluster.walArchive}/%f'`,
      `archive_timeout = 60`,
      `log_min_messages = warning`,
    ];
    writeFileSync(`${cluster.dataDir}/conf.d.conf`, `${conf.join('\n')}\n`);
    execFileSync('sh', ['-c', `echo "include 'conf.d.conf'" >> ${cluster.dataDir}/postgresql.conf`]);
    if (asRoot) execFileSync('chown', ['postgres:', `${cluster.dataDir}/conf.d.conf`]);
    serverProgram('pg_ctl', ['-D', cluster.dataDir, '-l', `${dir}/server.log`, '-w', 'start']);
    return cluster;
  }

  get dataDir(): string {
    return `${this.dir}/data`;
  }

  get walArchive(): string {
    return `${this.dir}/wal-archive`;
  }

  /** The server, without a database: RunningSystem's postgresUrl. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  /** libpq's variables for the scripts (scripts/pg-backup.sh, scripts/pg-restore-database.sh). */
  get env(): Record<string, string> {
    return { PGHOST: '127.0.0.1', PGPORT: String(this.port), PGUSER: 'postgres' };
  }

  async query(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
    const client = new pg.Client({ connectionString: `${this.url}/postgres` });
    await client.connect();
    try {
      return await client.query(sql, params);
    } finally {
      await client.end();
    }
  }

  destroy(): void {
    try {
      serverProgram('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', 'stop']);
    } catch {
      // not running
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
