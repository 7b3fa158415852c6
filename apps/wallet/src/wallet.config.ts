import { z } from 'zod';
import { baseConfigSchema, loadConfig, withLocalDefaults } from '#platform';
import { parseSom, type Tyiyn } from '#money';

export const WALLET_PORT = 3001;

/** The injection token of the validated wallet settings. */
export const WALLET_CONFIG = Symbol('WALLET_CONFIG');

export const walletConfigSchema = baseConfigSchema.extend({
  /** The monthly payment turnover allowed per wallet, in som ("60000.00"); held in tyiyn once parsed. */
  WALLET_MONTHLY_LIMIT: z
    .string()
    .default('60000.00')
    .transform((text, ctx): Tyiyn => {
      const parsed = parseSom(text);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: 'custom', message: `a positive som amount such as "60000.00" (${parsed.error})` });
      return z.NEVER;
    }),
  /** How often each instance looks for autopayments due (and reminders to raise). */
  AUTOPAYMENT_TICK_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  /** Consecutive failed runs after which an autopayment pauses until the subscriber resumes it. */
  AUTOPAYMENT_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(3),
  /** Autopayments claimed per scheduler transaction. */
  AUTOPAYMENT_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  /** How long a notification is kept (notifications-retention.ts): 400 days. */
  NOTIFICATION_RETENTION_S: z.coerce
    .number()
    .int()
    .min(1)
    .default(400 * 86_400),
});
export type WalletConfig = z.infer<typeof walletConfigSchema>;

/** The service's settings from the environment, with this machine's defaults; fails fast when invalid. */
export function walletConfig(env: Record<string, string | undefined> = process.env): WalletConfig {
  return loadConfig(walletConfigSchema, withLocalDefaults('wallet', WALLET_PORT, env));
}
