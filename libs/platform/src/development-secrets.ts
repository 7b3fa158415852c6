import { X509Certificate } from 'node:crypto';
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

/** A service's validated settings: the platform's, plus whatever the service adds (read here by name). */
export type ConfiguredSettings = AuthConfig & Readonly<Record<string, unknown>>;

/** Users that exist on every development server: PostgreSQL's superuser and RabbitMQ's default user. */
const DEVELOPMENT_USERS = new Set(['postgres', 'guest']);
/** Connection URLs whose user and password are checked: databases and brokers. */
const CREDENTIAL_URL = /^(postgres|postgresql|amqp|amqps):$/;

/**
 * Every development secret a production start must refuse, each named by its setting; empty outside production.
 * The one list: the development partner and service-query keys, the development staff issuer and its key, any
 * database or broker URL (a setting ending in `_URL`) as `postgres` or `guest` or with a `dev-only-` password, and,
 * for ecp-invoicing, the key-encryption key derived from a constant and the development CA. There is no override.
 */
export function developmentSecretsIn(service: ServiceName, config: ConfiguredSettings): string[] {
  if (config.NODE_ENV !== 'production') return [];
  return [
    ...developmentAuthIn(config),
    ...developmentUrlsIn(config),
    ...developmentCallbackKeyIn(config),
    ...(service === 'ecp-invoicing' ? developmentEcpKeysIn(config) : []),
  ];
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
  if (
    !config.STAFF_JWKS_URL &&
    !config.STAFF_JWKS_FILE &&
    config.STAFF_JWKS.keys.some((k) => k.x === DEVELOPMENT_STAFF_ISSUER.publicJwk.x)
  ) {
    found.push("STAFF_JWKS: the development staff issuer's key");
  }
  return found;
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
