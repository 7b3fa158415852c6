import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const FORMAT_V1 = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts private keys at rest with AES-256-GCM. A sealed key is `0x01 | iv (12) | tag (16) | ciphertext`; the
 * additional data names what the key belongs to (`certificate:<invoice>`, `ca`), so a sealed key copied onto another
 * row does not open. `keyId` (a hash of the key-encryption key) is stored beside it, to tell which key sealed it.
 */
export class KeySealer {
  /** A fixed, public key for development and tests only: anyone can open what it seals. */
  static readonly DEVELOPMENT_KEY = createHash('sha256').update('dostek ecp-invoicing development key-encryption key').digest();

  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('a key-encryption key is 32 bytes (AES-256)');
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  get isDevelopmentKey(): boolean {
    return this.key.equals(KeySealer.DEVELOPMENT_KEY);
  }

  seal(plaintext: Uint8Array, context: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.of(FORMAT_V1), iv, cipher.getAuthTag(), ciphertext]);
  }

  /** The plaintext; throws if the data was sealed with another key, for another context, or altered. */
  open(sealed: Uint8Array, context: string): Buffer {
    const data = Buffer.from(sealed);
    if (data.length < 1 + IV_BYTES + TAG_BYTES || data[0] !== FORMAT_V1) throw new Error('not a sealed key (unknown format)');
    const iv = data.subarray(1, 1 + IV_BYTES);
    const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  }
}
