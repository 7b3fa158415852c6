import { baseConfigSchema, loadConfig, withLocalDefaults } from '#platform';

export const ECP_INVOICING_PORT = 3003;

export const ecpInvoicingConfigSchema = baseConfigSchema;

/** The service's settings from the environment, with this machine's defaults; fails fast when invalid. */
export function ecpInvoicingConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(ecpInvoicingConfigSchema, withLocalDefaults('ecp-invoicing', ECP_INVOICING_PORT, env));
}
