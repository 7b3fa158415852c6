#!/usr/bin/env node
// Prints a staff token from the development staff issuer, valid for an hour, for `Authorization: Bearer …`:
//   npm run --silent staff-token -- --roles billing,treasury [--name "Айгуль Токтогулова"] [--subject aigul]
// The services trust this issuer only with NODE_ENV=development or test (any other mode refuses to start with it).
import { parseArgs } from 'node:util';
import { importJWK, SignJWT } from 'jose';
import { fromBuild } from './dist-import.mjs';

const { DEVELOPMENT_STAFF_ISSUER: issuer, STAFF_ROLES } = await fromBuild('libs/platform/src/auth/index.js');
const { values } = parseArgs({
  options: { roles: { type: 'string' }, name: { type: 'string' }, subject: { type: 'string' } },
});
const roles = (values.roles ?? '')
  .split(',')
  .map((r) => r.trim())
  .filter(Boolean);
const unknown = roles.filter((r) => !STAFF_ROLES.includes(r));
if (roles.length === 0 || unknown.length > 0) {
  process.stderr.write(
    `usage: npm run --silent staff-token -- --roles ${STAFF_ROLES.join(',')} [--name "…"] [--subject id]\n`,
  );
  if (unknown.length > 0) process.stderr.write(`unknown roles: ${unknown.join(', ')}\n`);
  process.exit(2);
}
const token = await new SignJWT({ roles, name: values.name ?? 'Сотрудник (разработка)' })
  .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: issuer.privateJwk.kid })
  .setIssuer(issuer.issuer)
  .setAudience(issuer.audience)
  .setSubject(values.subject ?? `dev-${roles.join('-')}`)
  .setIssuedAt()
  .setExpirationTime('1h')
  .sign(await importJWK(issuer.privateJwk, 'ES256'));
process.stdout.write(`${token}\n`);
