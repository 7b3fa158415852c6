import { z } from 'zod';
import { baseConfigSchema, loadConfig, withLocalDefaults } from '#platform';

export const PAYMENT_ROUTER_PORT = 3000;

export const paymentRouterConfigSchema = baseConfigSchema.extend({
  WALLET_URL: z.url().default('http://127.0.0.1:3001'),
  SOCHI_BALANCE_URL: z.url().default('http://127.0.0.1:3002'),
  ECP_INVOICING_URL: z.url().default('http://127.0.0.1:3003'),
  /** How long `check` waits for another service before answering 503. */
  QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  /** A payment not final this many seconds after it was requested is stuck (staff lists, the stuck-payment detector). */
  PAYMENT_STUCK_AFTER_S: z.coerce.number().int().positive().default(300),
});
export type PaymentRouterConfig = z.infer<typeof paymentRouterConfigSchema>;

/** The service's settings from the environment, with this machine's defaults; fails fast when invalid. */
export function paymentRouterConfig(env: Record<string, string | undefined> = process.env): PaymentRouterConfig {
  return loadConfig(paymentRouterConfigSchema, withLocalDefaults('payment-router', PAYMENT_ROUTER_PORT, env));
}

export const PAYMENT_ROUTER_CONFIG = Symbol('PAYMENT_ROUTER_CONFIG');
