import type { DataSource, DataSourceOptions } from 'typeorm';
import { DataSource as TypeOrmDataSource } from 'typeorm';
import type { BaseConfig } from './service-config.js';

/** A start-up the database setup forbids (a missing database, a role with too much power, a pending migration): retrying cannot help. */
export class DatabaseSetupRefused extends Error {
  override readonly name = 'DatabaseSetupRefused';
}

/** The limits every runtime connection sets at connect time (pg start-up parameters): see baseConfigSchema. */
export function sessionTimeouts(config: BaseConfig) {
  return {
    statement_timeout: config.DB_STATEMENT_TIMEOUT_MS,
    lock_timeout: config.DB_LOCK_TIMEOUT_MS,
    idle_in_transaction_session_timeout: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}

/**
 * Opens a DataSource, turning "no such database" into what to do about it: the service no longer creates its database,
 * provisioning does (deploy/postgres, run by scripts/ensure-infra.sh).
 */
export async function openDataSource(options: DataSourceOptions, setting: string): Promise<DataSource> {
  try {
    return await new TypeOrmDataSource(options).initialize();
  } catch (e) {
    if ((e as { code?: string }).code === '3D000') {
      throw new DatabaseSetupRefused(
        `${setting}: ${(e as Error).message}; run scripts/ensure-infra.sh to create the service databases and their roles`,
        { cause: e },
      );
    }
    throw e;
  }
}

/**
 * Refuses a runtime connection with more power than rows: a superuser, or the database's owner (or a member of it),
 * whatever NODE_ENV says. Such a connection would let any SQL mistake alter the schema or read the other services.
 */
export async function refuseOwnerPowers(ds: DataSource, setting: string): Promise<void> {
  const [role] = await ds.query(
    `SELECT current_user AS name, r.rolsuper AS superuser, pg_has_role(current_user, d.datdba, 'MEMBER') AS owner
       FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()`,
  );
  const power = role.superuser ? 'a superuser' : role.owner ? 'the owner of the database' : null;
  if (power) {
    throw new DatabaseSetupRefused(
      `refusing to start: ${setting} connects as "${role.name}", ${power}; give it the service's runtime role ` +
        `(dostek_<service>_app, deploy/postgres/service-database.psql) and the owner role to DATABASE_OWNER_URL`,
    );
  }
}

/**
 * Runs pending migrations as the owner role under an advisory lock, so instances starting together migrate once,
 * then closes the owner's connection: nothing else runs as the owner.
 */
export async function migrateAsOwner(options: DataSourceOptions): Promise<void> {
  const ds = await openDataSource(options, 'DATABASE_OWNER_URL');
  try {
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('dostek:migrations'))`);
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('dostek:migrations'))`).catch(() => undefined);
      await runner.release();
    }
  } finally {
    await ds.destroy();
  }
}

/** Refuses to start while a migration is pending (no owner URL was given to run it), naming each. */
export async function refusePendingMigrations(ds: DataSource, table: string): Promise<void> {
  const [{ exists }] = await ds.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [table]);
  const applied = new Set<string>(
    exists ? (await ds.query(`SELECT name FROM ${table}`)).map((r: { name: string }) => r.name) : [],
  );
  const pending = ds.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
  if (pending.length > 0) {
    throw new DatabaseSetupRefused(
      `refusing to start: migrations pending (${pending.join(', ')}); set DATABASE_OWNER_URL to the owner role so the service runs them`,
    );
  }
}
