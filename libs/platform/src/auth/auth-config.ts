import { z } from 'zod';
import { PARTNER_SCOPES } from './callers.js';
import {
  DEVELOPMENT_PARTNER,
  DEVELOPMENT_SERVICE_QUERIES,
  DEVELOPMENT_STAFF_ISSUER,
} from './development-credentials.js';

const partnerKeys = z.array(
  z.object({
    keyid: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash, underscore; at most 64'),
    /** One secret, or two while a partner rotates: requests signed with either are accepted. */
    secrets: z.array(z.string().min(32, 'at least 32 characters')).min(1).max(2),
    scopes: z.array(z.enum(PARTNER_SCOPES)).min(1),
  }),
);
export type PartnerKey = z.infer<typeof partnerKeys>[number];

/** A setting holding JSON, parsed then checked against `schema` (for a service's own JSON settings too). */
export const jsonSetting = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const DEVELOPMENT_PARTNER_KEYS = JSON.stringify(
  [DEVELOPMENT_PARTNER, DEVELOPMENT_SERVICE_QUERIES].map(({ keyid, secret, scopes }) => ({
    keyid,
    secrets: [secret],
    scopes,
  })),
);
const DEVELOPMENT_JWKS = JSON.stringify({ keys: [DEVELOPMENT_STAFF_ISSUER.publicJwk] });

/**
 * Who the service trusts, from the environment; the defaults are the development credentials, refused unless NODE_ENV
 * says development or test (developmentSecretsIn). An unset NODE_ENV stays empty: it is not development.
 */
export const authConfigShape = {
  NODE_ENV: z.string().default(''),
  /** Partners' keys as JSON: [{keyid, secrets: [secret, next secret?], scopes: [...]}]. Secrets are never logged. */
  PARTNER_KEYS: jsonSetting(partnerKeys).default(JSON.parse(DEVELOPMENT_PARTNER_KEYS)),
  /**
   * Express's `trust proxy` (e.g. `loopback` or `1`) when the services sit behind a TLS-terminating proxy: the
   * signed `@target-uri` is then rebuilt from X-Forwarded-Proto/-Host, as the partner addressed it.
   */
  TRUST_PROXY: z.string().min(1).optional(),
  /** How far a signature's `created` may lie from the service's real time, either way; nonces are kept as long. */
  SIGNATURE_MAX_SKEW_S: z.coerce.number().int().min(10).max(3600).default(300),
  /** The staff identity provider: its issuer, the audience its tokens name, and its keys (a JWKS URL or the JWKS). */
  STAFF_ISSUER: z.string().min(1).default(DEVELOPMENT_STAFF_ISSUER.issuer),
  STAFF_AUDIENCE: z.string().min(1).default(DEVELOPMENT_STAFF_ISSUER.audience),
  STAFF_JWKS_URL: z.url().optional(),
  /** Or a file holding the JWKS (a mounted secret); read at start-up. */
  STAFF_JWKS_FILE: z.string().min(1).optional(),
  STAFF_JWKS: jsonSetting(z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1) })).default(
    JSON.parse(DEVELOPMENT_JWKS),
  ),
  /** Requests per minute of one partner key, and of one member of staff, counted across instances in Redis. */
  RATE_LIMIT_PARTNER_PER_MINUTE: z.coerce.number().int().positive().default(60_000),
  RATE_LIMIT_STAFF_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Requests per minute from one client address, authenticated or not: twice a partner key's, so only floods. */
  RATE_LIMIT_ADDRESS_PER_MINUTE: z.coerce.number().int().positive().default(120_000),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  /** The key payment-router signs its questions to the other services with: "keyid:secret". */
  SERVICE_QUERY_KEY: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}:.{32,}$/, 'keyid:secret, the secret at least 32 characters')
    .default(`${DEVELOPMENT_SERVICE_QUERIES.keyid}:${DEVELOPMENT_SERVICE_QUERIES.secret}`),
};

export interface AuthConfig {
  NODE_ENV: string;
  TRUST_PROXY?: string;
  PARTNER_KEYS: PartnerKey[];
  SIGNATURE_MAX_SKEW_S: number;
  STAFF_ISSUER: string;
  STAFF_AUDIENCE: string;
  STAFF_JWKS_URL?: string;
  STAFF_JWKS_FILE?: string;
  STAFF_JWKS: { keys: Record<string, unknown>[] };
  SERVICE_QUERY_KEY: string;
  RATE_LIMIT_PARTNER_PER_MINUTE: number;
  RATE_LIMIT_STAFF_PER_MINUTE: number;
  RATE_LIMIT_ADDRESS_PER_MINUTE: number;
  REDIS_URL: string;
}
