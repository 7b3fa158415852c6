import { baseConfigSchema, loadConfig, withLocalDefaults } from '#platform';

export const SOCHI_BALANCE_PORT = 3002;

export const sochiBalanceConfigSchema = baseConfigSchema;

/** The service's settings from the environment, with this machine's defaults; fails fast when invalid. */
export function sochiBalanceConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(sochiBalanceConfigSchema, withLocalDefaults('sochi-balance', SOCHI_BALANCE_PORT, env));
}
