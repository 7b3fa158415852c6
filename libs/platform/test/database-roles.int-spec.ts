import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { DataSource, DataSourceOptions, MigrationInterface } from 'typeorm';
import { migrateAsOwner, openDataSource, refuseOwnerPowers, refusePendingMigrations } from '#platform';
import { AuditTrailAppendOnly1766000000000 } from '../src/audit/audit-trail-append-only.migration.js';
import { AuditTrail1765400000000 } from '../src/audit/audit-trail.migration.js';
import { RequestNonces1765300000000 } from '../src/auth/request-nonces.migration.js';
import { provisionServiceDatabase, type ServiceDatabase } from '../../../test/support/service-database.js';
import { TEST_NAMESPACE, TEST_POSTGRES_URL } from '../../../test/support/test-env.js';

const PREFIX = `dostek_roles_${TEST_NAMESPACE}`;
const SERVICES = ['payment-router', 'wallet', 'sochi-balance', 'ecp-invoicing'];

/** The SQLSTATE a statement (or a connection) fails with, or 'ok'. */
async function outcome(url: string, sql?: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    if (sql) await client.query(sql);
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? (e as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

class NotYetApplied1999999999999 implements MigrationInterface {
  async up(): Promise<void> {}
  async down(): Promise<void> {}
}

describe("each service's PostgreSQL roles (deploy/postgres/service-database.psql) against the real server", () => {
  const db = new Map<string, ServiceDatabase>();
  const admin = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/postgres` });
  const PLATFORM_MIGRATIONS = [RequestNonces1765300000000, AuditTrail1765400000000, AuditTrailAppendOnly1766000000000];
  const options = (url: string, migrations: Function[] = PLATFORM_MIGRATIONS): DataSourceOptions => ({
    type: 'postgres',
    url,
    migrations,
    migrationsTableName: 'schema_migrations',
  });
  const opened: DataSource[] = [];
  const open = async (url: string, migrations?: Function[]) => {
    const ds = await openDataSource(options(url, migrations), 'DATABASE_URL');
    opened.push(ds);
    return ds;
  };

  beforeAll(async () => {
    await admin.connect();
    for (const s of SERVICES)
      await admin.query(`DROP DATABASE IF EXISTS ${PREFIX}${s.replace(/-/g, '_')} WITH (FORCE)`);
    // Provisioned twice at once: a second run (or another test run) creating the same roles at the same moment.
    await Promise.all([provisionServiceDatabase('wallet', PREFIX), provisionServiceDatabase('wallet', PREFIX)]);
    for (const s of SERVICES) db.set(s, await provisionServiceDatabase(s, PREFIX));
  });

  afterAll(async () => {
    for (const ds of opened) await ds.destroy().catch(() => undefined);
    for (const s of SERVICES)
      await admin.query(`DROP DATABASE IF EXISTS ${PREFIX}${s.replace(/-/g, '_')} WITH (FORCE)`);
    await admin.end();
  });

  it("lets no runtime role connect to another service's database", async () => {
    for (const own of SERVICES) {
      for (const other of SERVICES.filter((s) => s !== own)) {
        const url = new URL(db.get(own)!.runtimeUrl);
        url.pathname = `/${db.get(other)!.name}`;
        expect([own, other, await outcome(url.toString())]).toEqual([own, other, '42501']);
      }
    }
  });

  it('lets no runtime role create a table (nor a temporary one) in its own database', async () => {
    for (const s of SERVICES) {
      expect([s, await outcome(db.get(s)!.runtimeUrl, 'CREATE TABLE intruder (id int)')]).toEqual([s, '42501']);
      expect([s, await outcome(db.get(s)!.runtimeUrl, 'CREATE TEMPORARY TABLE scratch (id int)')]).toEqual([
        s,
        '42501',
      ]);
    }
  });

  it('makes no role a superuser, nor one that may create roles or databases', async () => {
    const { rows } = await admin.query(
      `SELECT rolname, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname`,
      [SERVICES.flatMap((s) => [`dostek_${s.replace(/-/g, '_')}_owner`, `dostek_${s.replace(/-/g, '_')}_app`])],
    );
    expect(rows).toHaveLength(8);
    for (const r of rows)
      expect(r).toEqual({ rolname: r.rolname, rolsuper: false, rolcreatedb: false, rolcreaterole: false });
  });

  it('lets the owner migrate; the runtime role then reads and writes rows of the new tables but cannot change them', async () => {
    const wallet = db.get('wallet')!;
    await migrateAsOwner(options(wallet.ownerUrl));
    const runtime = await open(wallet.runtimeUrl);
    await expect(refusePendingMigrations(runtime, 'schema_migrations')).resolves.toBeUndefined();
    await runtime.query(`INSERT INTO request_nonces SELECT * FROM request_nonces WHERE false`);
    expect(await runtime.query(`SELECT count(*)::int AS n FROM schema_migrations`)).toEqual([{ n: 3 }]);
    expect(await outcome(wallet.runtimeUrl, 'ALTER TABLE request_nonces ADD COLUMN intruder int')).toBe('42501');
    expect(await outcome(wallet.runtimeUrl, 'DROP TABLE audit_trail')).toBe('42501');
  });

  it('keeps an append-only table to SELECT and INSERT for the runtime role, also after provisioning runs again', async () => {
    const ecp = db.get('ecp-invoicing')!;
    await migrateAsOwner(options(ecp.ownerUrl));
    const add = `INSERT INTO audit_trail (at, actor, request_id, action, subject) VALUES (now(), 'staff:test', 'r1', 'TEST', 'x')`;
    const attempts = async () => [
      await outcome(ecp.runtimeUrl, add),
      await outcome(ecp.runtimeUrl, 'SELECT * FROM audit_trail'),
      await outcome(ecp.runtimeUrl, `UPDATE audit_trail SET subject = 'y'`),
      await outcome(ecp.runtimeUrl, 'DELETE FROM audit_trail'),
      await outcome(ecp.runtimeUrl, 'TRUNCATE audit_trail'),
    ];
    // Refused by privilege (42501), before the table's trigger would be reached.
    expect(await attempts()).toEqual(['ok', 'ok', '42501', '42501', '42501']);
    await provisionServiceDatabase('ecp-invoicing', PREFIX);
    expect(await attempts()).toEqual(['ok', 'ok', '42501', '42501', '42501']);
  });

  it('refuses a runtime connection that is a superuser or the owner, naming the setting', async () => {
    const sochi = db.get('sochi-balance')!;
    await expect(refuseOwnerPowers(await open(`${TEST_POSTGRES_URL}/${sochi.name}`), 'DATABASE_URL')).rejects.toThrow(
      /DATABASE_URL connects as "postgres", a superuser/,
    );
    await expect(refuseOwnerPowers(await open(sochi.ownerUrl), 'DATABASE_URL')).rejects.toThrow(
      /DATABASE_URL connects as "dostek_sochi_balance_owner", the owner of the database/,
    );
    await expect(refuseOwnerPowers(await open(sochi.runtimeUrl), 'DATABASE_URL')).resolves.toBeUndefined();
  });

  it('refuses to start with a migration pending when no owner may run it, naming it', async () => {
    const router = db.get('payment-router')!;
    await expect(
      refusePendingMigrations(await open(router.runtimeUrl, [RequestNonces1765300000000]), 'schema_migrations'),
    ).rejects.toThrow(/migrations pending \(RequestNonces1765300000000\); set DATABASE_OWNER_URL/);
    await migrateAsOwner(options(router.ownerUrl));
    await expect(
      refusePendingMigrations(
        await open(router.runtimeUrl, [...PLATFORM_MIGRATIONS, NotYetApplied1999999999999]),
        'schema_migrations',
      ),
    ).rejects.toThrow(/migrations pending \(NotYetApplied1999999999999\)/);
  });

  it('says to run scripts/ensure-infra.sh when the database does not exist', async () => {
    const url = new URL(db.get('wallet')!.runtimeUrl);
    url.pathname = `/${PREFIX}missing`;
    await expect(openDataSource(options(url.toString()), 'DATABASE_URL')).rejects.toThrow(
      /DATABASE_URL: .*does not exist.*run scripts\/ensure-infra\.sh/,
    );
  });
});
