import { z } from 'zod';
import { baseConfigSchema, DEVELOPMENT_KEY_ENCRYPTION_KEY, loadConfig, withLocalDefaults } from '#platform';
import type { KeyEncryptionKey } from './certificates/key-sealer.js';

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
    /**
     * The key-encryption keys that seal private keys at rest (cloud keys, the development CA's key): a list of
     * `id:base64-of-32-bytes`, separated by commas or spaces. The first seals; all open (rotation: docs/ecp.md).
     * The default is the DEVELOPMENT key, derived from a constant in the source; production refuses it.
     */
    ECP_KEY_ENCRYPTION_KEYS: z
      .string()
      .default(`${DEVELOPMENT_KEY_ENCRYPTION_KEY.id}:${DEVELOPMENT_KEY_ENCRYPTION_KEY.key.toString('base64')}`)
      .transform((v, ctx) => {
        const keys: KeyEncryptionKey[] = [];
        for (const entry of v.split(/[\s,]+/).filter(Boolean)) {
          const [, id, base64] = /^([A-Za-z0-9._-]{1,32}):(.*)$/.exec(entry) ?? [];
          const key = Buffer.from(base64 ?? '', 'base64');
          if (!id || key.length !== 32 || key.toString('base64') !== base64) {
            ctx.addIssue({
              code: 'custom',
              message: `"${entry.split(':')[0]}": each key is id:base64 of exactly 32 random bytes (e.g. k2:$(openssl rand -base64 32))`,
            });
          } else if (keys.some((k) => k.id === id)) {
            ctx.addIssue({ code: 'custom', message: `key id "${id}" is listed twice` });
          } else keys.push({ id, key });
        }
        if (keys.length === 0) ctx.addIssue({ code: 'custom', message: 'at least one key, id:base64' });
        return keys;
      }),
    /** Replaced by ECP_KEY_ENCRYPTION_KEYS; refused, so that a key set the old way is never silently ignored. */
    ECP_KEY_ENCRYPTION_KEY: z
      .undefined({ error: 'replaced by ECP_KEY_ENCRYPTION_KEYS: set it to <id>:<this key> (docs/ecp.md)' })
      .optional(),
    /** The Dos Tek CA certificate and its PKCS#8 private key (PEM); without them a development CA is generated. */
    ECP_CA_CERT_PEM: pem,
    ECP_CA_KEY_PEM: pem,
  })
  .superRefine((c, ctx) => {
    if (Boolean(c.ECP_CA_CERT_PEM) !== Boolean(c.ECP_CA_KEY_PEM)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ECP_CA_CERT_PEM'],
        message: 'set both ECP_CA_CERT_PEM and ECP_CA_KEY_PEM, or neither',
      });
    }
  });
export type EcpInvoicingConfig = z.infer<typeof ecpInvoicingConfigSchema>;

/** The service's settings from the environment, with this machine's defaults; fails fast when invalid. */
export function ecpInvoicingConfig(env: Record<string, string | undefined> = process.env): EcpInvoicingConfig {
  return loadConfig(ecpInvoicingConfigSchema, withLocalDefaults('ecp-invoicing', ECP_INVOICING_PORT, env));
}
