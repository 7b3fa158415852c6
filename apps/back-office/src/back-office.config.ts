import { z } from 'zod';
import { describeMode, isDevelopmentMode, loadConfig } from '#platform';

/** A development default no production start may keep (see productionProblems). */
export const DEVELOPMENT_SESSION_SECRET = 'dev-only-back-office-session-secret-0123456789abcdef';

const serviceUrl = (port: number) => z.url().default(`http://127.0.0.1:${port}`);

export const backOfficeConfigSchema = z.object({
  /** Only `development` or `test` offers the development sign-in; any other mode, unset included, is production. */
  NODE_ENV: z.string().default(''),
  PORT: z.coerce.number().int().min(0).max(65535).default(3004),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The four services the back office reads and acts through; never their databases. */
  PAYMENT_ROUTER_URL: serviceUrl(3000),
  WALLET_URL: serviceUrl(3001),
  SOCHI_BALANCE_URL: serviceUrl(3002),
  ECP_INVOICING_URL: serviceUrl(3003),
  /** Seals the session cookie (AES-256-GCM, key derived from it); at least 32 characters. */
  SESSION_SECRET: z.string().min(32).default(DEVELOPMENT_SESSION_SECRET),
  /** The staff identity provider (OIDC authorization code + PKCE); required in production. */
  OIDC_ISSUER_URL: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Where the provider sends the browser back: https://<back office>/api/session/oidc/callback. */
  OIDC_REDIRECT_URL: z.url().optional(),
  OIDC_SCOPES: z.string().default('openid profile'),
  /** Shifts the back office's "today" like the services' clock; tests and demos only. */
  CLOCK_OFFSET_MS: z.coerce.number().int().default(0),
  /** The built UI (index.html and assets); defaults to the build beside this file. */
  UI_DIR: z.string().min(1).optional(),
});
export type BackOfficeConfig = z.infer<typeof backOfficeConfigSchema>;
export const BACK_OFFICE_CONFIG = Symbol('BACK_OFFICE_CONFIG');

export const isProduction = (config: BackOfficeConfig) => !isDevelopmentMode(config.NODE_ENV);

/** What a production start refuses: the development session secret, and no identity provider to sign in with. */
export function productionProblems(config: BackOfficeConfig): string[] {
  if (!isProduction(config)) return [];
  const problems: string[] = [];
  if (!config.NODE_ENV)
    problems.push('NODE_ENV: not set; NODE_ENV=development (or test) for local use, anything else is production');
  if (config.CLOCK_OFFSET_MS !== 0) problems.push(`CLOCK_OFFSET_MS: ${config.CLOCK_OFFSET_MS}, not 0`);
  if (config.SESSION_SECRET.startsWith('dev-only-')) problems.push('SESSION_SECRET: the development secret');
  for (const key of ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_REDIRECT_URL'] as const)
    if (!config[key]) problems.push(`${key}: required in production`);
  return problems;
}

export function backOfficeConfig(env: Record<string, string | undefined> = process.env): BackOfficeConfig {
  const config = loadConfig(
    backOfficeConfigSchema,
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  const problems = productionProblems(config);
  if (problems.length > 0)
    throw new Error(`refusing to start with ${describeMode(config.NODE_ENV)}:\n  ${problems.join('\n  ')}`);
  return config;
}
