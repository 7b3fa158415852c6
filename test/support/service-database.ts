import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { developmentRoleUrl } from '#platform';
import { repositoryRoot } from './repository-root.js';
import { TEST_POSTGRES_URL } from './test-env.js';

const script = `${repositoryRoot}/deploy/postgres/service-databases.sh`;

export interface ServiceDatabase {
  name: string;
  /** As the service's runtime role (DATABASE_URL). */
  runtimeUrl: string;
  /** As its owner role (DATABASE_OWNER_URL). */
  ownerUrl: string;
}

/**
 * Creates `${dbPrefix}${service}` with the service's owner and runtime roles, as every environment does
 * (deploy/postgres/service-databases.sh, run as the test server's superuser: provisioning is an admin act), and says
 * how the service reaches it; on the tests' server unless given another (the restore drill's own cluster). The database should not exist yet (drop it first for an empty one).
 */
export async function provisionServiceDatabase(
  service: string,
  dbPrefix: string,
  server = TEST_POSTGRES_URL,
): Promise<ServiceDatabase> {
  await promisify(execFile)('bash', [script, service], {
    env: { ...process.env, ADMIN_URL: `${server}/postgres`, DB_PREFIX: dbPrefix },
  });
  const name = `${dbPrefix}${service.replace(/-/g, '_')}`;
  const as = (role: string) => developmentRoleUrl(server, name, role);
  const roles = `dostek_${service.replace(/-/g, '_')}`;
  return { name, runtimeUrl: as(`${roles}_app`), ownerUrl: as(`${roles}_owner`) };
}
