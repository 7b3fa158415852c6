import { z } from 'zod';
import { baseConfigSchema, loadConfig, withLocalDefaults } from '#platform';

export const ECP_INVOICING_PORT = 3003;

/** The injection token of the validated ecp-invoicing settings. */
export const ECP_INVOICING_CONFIG = Symbol('ECP_INVOICING_CONFIG');

/** A PEM given in one environment line may carry its line breaks as the two characters `\n`. */
const pem = z
  .string()
  .transform((v) => v.replace(/\\n/g, '\n').trim())
  .optional();

export const ecpInvoicingConfigSchema = baseConfigSchema
  .extend({
    /** Days an unpaid invoice stays payable; after that a payment is refused (INVOICE_EXPIRED) and refunded. */
    ECP_INVOICE_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** How often this instance looks for invoices to expire (every instance does; they share the work). */
    ECP_EXPIRY_SWEEP_MS: z.coerce.number().int().min(100).default(60_000),
    /** AES-256 key (base64 of 32 bytes) that encrypts cloud private keys and the development CA key at rest. */
    ECP_KEY_ENCRYPTION_KEY: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return undefined;
        const key = Buffer.from(v, 'base64');
        if (key.length === 32 && key.toString('base64') === v.replace(/\s/g, '')) return key;
        ctx.addIssue({ code: 'custom', message: 'base64 of exactly 32 random bytes (e.g. `openssl rand -base64 32`)' });
        return z.NEVER;
      }),
    /** The Dos Tek CA certificate and its PKCS#8 private key (PEM); without them a development CA is generated. */
    ECP_CA_CERT_PEM: pem,
    ECP_CA_KEY_PEM: pem,
    /**
     * Whether the development defaults (a fixed key-encryption key, a CA generated into the database) may be used.
     * Defaults to true, except with NODE_ENV=production, where the real keys must be configured.
     */
    ECP_ALLOW_DEVELOPMENT_KEYS: z.enum(['true', 'false']).optional(),
  })
  .transform((c) => ({ ...c, ECP_ALLOW_DEVELOPMENT_KEYS: c.ECP_ALLOW_DEVELOPMENT_KEYS ? c.ECP_ALLOW_DEVELOPMENT_KEYS === 'true' : c.NODE_ENV !== 'production' }))
  .superRefine((c, ctx) => {
    if (Boolean(c.ECP_CA_CERT_PEM) !== Boolean(c.ECP_CA_KEY_PEM)) {
      ctx.addIssue({ code: 'custom', path: ['ECP_CA_CERT_PEM'], message: 'set both ECP_CA_CERT_PEM and ECP_CA_KEY_PEM, or neither' });
    }
    if (!c.ECP_ALLOW_DEVELOPMENT_KEYS) {
      if (!c.ECP_KEY_ENCRYPTION_KEY) ctx.addIssue({ code: 'custom', path: ['ECP_KEY_ENCRYPTION_KEY'], message: 'required when development keys are not allowed' });
      if (!c.ECP_CA_CERT_PEM) ctx.addIssue({ code: 'custom', path: ['ECP_CA_CERT_PEM'], message: 'required when development keys are not allowed' });
    }
  });
export type EcpInvoicingConfig = z.infer<typeof ecpInvoicingConfigSchema>;

/** The service's settings from the environment, with this machine's defaults; fails fast when invalid. */
export function ecpInvoicingConfig(env: Record<string, string | undefined> = process.env): EcpInvoicingConfig {
  return loadConfig(ecpInvoicingConfigSchema, withLocalDefaults('ecp-invoicing', ECP_INVOICING_PORT, env));
}
