import { z } from 'zod';
import { baseConfigSchema, DEVELOPMENT_PARTNER_CALLBACK, jsonSetting, loadConfig, withLocalDefaults } from '#platform';

export const PAYMENT_ROUTER_PORT = 3000;

export const paymentRouterConfigSchema = baseConfigSchema.extend({
  WALLET_URL: z.url().default('http://127.0.0.1:3001'),
  SOCHI_BALANCE_URL: z.url().default('http://127.0.0.1:3002'),
  ECP_INVOICING_URL: z.url().default('http://127.0.0.1:3003'),
  /** How long `check` waits for another service before answering 503. */
  QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  /** A payment not final this many seconds after it was requested is stuck: noticed once (payment.stuck, a warning) and listed
   *  to staff (GET /v1/payments?stuck=true). */
  PAYMENT_STUCK_AFTER_S: z.coerce.number().int().min(1).default(300),
  /** How often each instance looks for stuck payments (they share the work). */
  PAYMENT_STUCK_SWEEP_MS: z.coerce.number().int().min(100).default(30_000),
  /** Where a payment's final status is POSTed to the partner (notify-partner); unset: no callbacks are sent. */
  PARTNER_CALLBACK_URL: z.url().optional(),
  /** The key callbacks are signed with (RFC 9421, hmac-sha256), as JSON `{"keyid","secret"}`. */
  PARTNER_CALLBACK_KEY: z
    .string()
    .default(JSON.stringify(DEVELOPMENT_PARTNER_CALLBACK))
    .pipe(jsonSetting(z.object({ keyid: z.string().min(1), secret: z.string().min(32, 'at least 32 characters') }))),
  /** The first retry of an unacknowledged callback waits this long, doubled each time up to the cap. */
  PARTNER_CALLBACK_BACKOFF_MS: z.coerce.number().int().min(10).default(500),
  PARTNER_CALLBACK_BACKOFF_CAP_MS: z.coerce.number().int().min(10).default(60_000),
  /** How long one delivery may take before it counts as failed. */
  PARTNER_CALLBACK_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** How often each instance looks for callbacks due (retries, and those its sender did not take after a crash). */
  PARTNER_CALLBACK_SWEEP_MS: z.coerce.number().int().min(50).default(1_000),
  /** Delivered callbacks are kept this long, then deleted by the retention job: 30 days. */
  PARTNER_CALLBACK_RETENTION_S: z.coerce
    .number()
    .int()
    .min(1)
    .default(30 * 86_400),
});
export type PaymentRouterConfig = z.infer<typeof paymentRouterConfigSchema>;

/** The service's settings from the environment, with this machine's defaults; fails fast when invalid. */
export function paymentRouterConfig(env: Record<string, string | undefined> = process.env): PaymentRouterConfig {
  return loadConfig(paymentRouterConfigSchema, withLocalDefaults('payment-router', PAYMENT_ROUTER_PORT, env));
}

export const PAYMENT_ROUTER_CONFIG = Symbol('PAYMENT_ROUTER_CONFIG');
