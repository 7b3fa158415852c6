import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServiceName } from '#contracts';
import type { AuthConfig } from './auth/auth-config.js';
import {
  DEVELOPMENT_CA_MARK,
  DEVELOPMENT_KEY_ENCRYPTION_KEY,
  DEVELOPMENT_PARTNER,
  DEVELOPMENT_PARTNER_CALLBACK,
  DEVELOPMENT_PASSWORD_PREFIX,
  DEVELOPMENT_SERVICE_QUERIES,
  DEVELOPMENT_STAFF_ISSUER,
} from './auth/development-credentials.js';
import { isDevelopmentMode } from './auth/development-mode.js';

/** A service's validated settings: the platform's, plus whatever the service adds (read here by name). */
export type ConfiguredSettings = AuthConfig & Readonly<Record<string, unknown>>;

/** Users that exist on every development server: PostgreSQL's superuser and RabbitMQ's default user. */
const DEVELOPMENT_USERS = new Set(['postgres', 'guest']);
/** Connection URLs whose user and password are checked: databases and brokers. */
const CREDENTIAL_URL = /^(postgres|postgresql|amqp|amqps):$/;

/**
 * Every development secret a start outside development must refuse, each named by its setting; empty only when
 * NODE_ENV says `development` or `test` exactly: any other mode (unset, staging, Production, …) is production here.
 * The one list: an unset NODE_ENV, the development partner and service-query keys, the development staff issuer and
 * its key (given inline or in STAFF_JWKS_FILE; a STAFF_JWKS_URL serving it is refused at its first fetch, in
 * StaffTokens), any database or broker URL (a setting ending in `_URL`) as `postgres` or `guest` or with a `dev-only-`
 * password, a REDIS_URL without a password, a shifted clock, an http:// STAFF_JWKS_URL or PARTNER_CALLBACK_URL, and,
 * for ecp-invoicing, the key-encryption key derived from a constant and the development CA. There is no override.
 */
export function developmentSecretsIn(service: ServiceName, config: ConfiguredSettings): string[] {
  if (isDevelopmentMode(config.NODE_ENV)) return [];
  return [
    ...(config.NODE_ENV
      ? []
      : ['NODE_ENV: not set; NODE_ENV=development (or test) for local use, anything else is production']),
    ...developmentAuthIn(config),
    ...developmentUrlsIn(config),
    ...plainHttpUrlsIn(config),
    ...openRedisIn(config),
    ...shiftedClockIn(config),
    ...developmentCallbackKeyIn(config),
    ...(service === 'ecp-invoicing' ? developmentEcpKeysIn(config) : []),
  ];
}

/** Keys of staff tokens and partner callbacks must not travel where anyone on the path can change them. */
function plainHttpUrlsIn(config: ConfiguredSettings): string[] {
  const found: string[] = [];
  for (const setting of ['STAFF_JWKS_URL', 'PARTNER_CALLBACK_URL']) {
    const value = config[setting];
    if (typeof value === 'string' && URL.canParse(value) && new URL(value).protocol !== 'https:')
      found.push(`${setting}: not an https:// URL`);
  }
  return found;
}

/** The rate limits' Redis must ask for a password (AUTH); the local default asks for none. */
function openRedisIn(config: ConfiguredSettings): string[] {
  const url = typeof config.REDIS_URL === 'string' && URL.canParse(config.REDIS_URL) ? new URL(config.REDIS_URL) : null;
  return url && url.password === '' ? ['REDIS_URL: no password (Redis must require AUTH)'] : [];
}

/** A shifted clock is for tests and demos: it moves every expiry and day boundary the services keep. */
function shiftedClockIn(config: ConfiguredSettings): string[] {
  const offset = config.CLOCK_OFFSET_MS;
  return typeof offset === 'number' && offset !== 0 ? [`CLOCK_OFFSET_MS: ${offset}, not 0`] : [];
}

function developmentAuthIn(config: AuthConfig): string[] {
  const found: string[] = [];
  const developmentSecrets = new Set<string>([DEVELOPMENT_PARTNER.secret, DEVELOPMENT_SERVICE_QUERIES.secret]);
  for (const key of config.PARTNER_KEYS) {
    if (key.secrets.some((s) => developmentSecrets.has(s)))
      found.push(`PARTNER_KEYS: the development partner key "${key.keyid}"`);
  }
  if (config.SERVICE_QUERY_KEY.endsWith(`:${DEVELOPMENT_SERVICE_QUERIES.secret}`))
    found.push('SERVICE_QUERY_KEY: the development service-queries key');
  if (config.STAFF_ISSUER === DEVELOPMENT_STAFF_ISSUER.issuer)
    found.push(`STAFF_ISSUER: the development staff issuer ${DEVELOPMENT_STAFF_ISSUER.issuer}`);
  if (!config.STAFF_JWKS_URL && !config.STAFF_JWKS_FILE && hasDevelopmentStaffKey(config.STAFF_JWKS))
    found.push("STAFF_JWKS: the development staff issuer's key");
  if (!config.STAFF_JWKS_URL && config.STAFF_JWKS_FILE && hasDevelopmentStaffKey(jwksInFile(config.STAFF_JWKS_FILE)))
    found.push(`STAFF_JWKS_FILE: ${config.STAFF_JWKS_FILE} holds the development staff issuer's key`);
  return found;
}

/** Whether a JWKS holds the development staff issuer's public key (the one whose private half is in the source). */
export function hasDevelopmentStaffKey(jwks: unknown): boolean {
  const keys = (jwks as { keys?: unknown } | null)?.keys;
  return Array.isArray(keys) && keys.some((k) => (k as { x?: unknown })?.x === DEVELOPMENT_STAFF_ISSUER.publicJwk.x);
}

/** A file that cannot be read or parsed is StaffTokens' to refuse at start-up; here it simply holds no key. */
function jwksInFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** payment-router's callback key matters only where callbacks go out (PARTNER_CALLBACK_URL set). */
function developmentCallbackKeyIn(config: ConfiguredSettings): string[] {
  const key = config.PARTNER_CALLBACK_KEY as { keyid: string; secret: string } | undefined;
  if (!config.PARTNER_CALLBACK_URL || key?.secret !== DEVELOPMENT_PARTNER_CALLBACK.secret) return [];
  return [`PARTNER_CALLBACK_KEY: the development callback key "${key.keyid}"`];
}

/**
 * By pattern, so that a URL setting added later (DATABASE_OWNER_URL, …) is covered without being listed here; a
 * `_URLS` setting (AMQP_URLS) is a comma-separated list, each URL checked.
 */
function developmentUrlsIn(config: ConfiguredSettings): string[] {
  const found: string[] = [];
  for (const [setting, value] of Object.entries(config).sort(([a], [b]) => a.localeCompare(b))) {
    if (!(setting.endsWith('_URL') || setting.endsWith('_URLS')) || typeof value !== 'string') continue;
    for (const one of setting.endsWith('_URLS') ? value.split(',').map((u) => u.trim()) : [value]) {
      if (URL.canParse(one)) found.push(...developmentCredentialsIn(setting, new URL(one)));
    }
  }
  return [...new Set(found)];
}

function developmentCredentialsIn(setting: string, url: URL): string[] {
  if (!CREDENTIAL_URL.test(url.protocol)) return [];
  const user = decodeURIComponent(url.username);
  if (DEVELOPMENT_USERS.has(user)) return [`${setting}: the development user "${user}"`];
  if (decodeURIComponent(url.password).startsWith(DEVELOPMENT_PASSWORD_PREFIX))
    return [`${setting}: the development password of user "${user}"`];
  return [];
}

function developmentEcpKeysIn(config: ConfiguredSettings): string[] {
  const found: string[] = [];
  const keys = (config.ECP_KEY_ENCRYPTION_KEYS ?? []) as readonly { id: string; key: Uint8Array }[];
  for (const { id, key } of keys) {
    if (DEVELOPMENT_KEY_ENCRYPTION_KEY.key.equals(key))
      found.push(
        `ECP_KEY_ENCRYPTION_KEYS: "${id}" is the development key-encryption key, derived from a constant in the source`,
      );
  }
  const caPem = config.ECP_CA_CERT_PEM;
  if (typeof caPem !== 'string' || caPem === '')
    found.push('ECP_CA_CERT_PEM: not set, so the development CA (generated into the database) would sign certificates');
  else if (isDevelopmentCa(caPem)) found.push('ECP_CA_CERT_PEM: the development CA');
  return found;
}

/** Whether a certificate names itself the development CA; one that does not parse is loadCa's to refuse. */
function isDevelopmentCa(pem: string): boolean {
  try {
    // Node escapes the comma in the subject's text (`DEVELOPMENT\, NOT …`).
    return new X509Certificate(pem).subject.replace(/\\/g, '').includes(DEVELOPMENT_CA_MARK);
  } catch {
    return false;
  }
}
