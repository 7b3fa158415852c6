import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const FORMAT_V1 = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** One key-encryption key (AES-256) and the id sealed values record it by. */
export interface KeyEncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

/** A sealed private key and the id of the key-encryption key that sealed it (stored beside it). */
export interface SealedKey {
  readonly ciphertext: Buffer;
  readonly keyId: string;
}

/**
 * How rows sealed before key ids were configured name their key: the first 16 hex digits of its SHA-256. Read, never
 * written, so that such rows open while their key is listed, until `npm run ecp:reseal-keys` re-seals them.
 */
export const legacyKeyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

/**
 * Encrypts private keys at rest with AES-256-GCM, under a ring of key-encryption keys (ECP_KEY_ENCRYPTION_KEYS): the
 * first seals, every one opens, so that a running service keeps working while stored keys are re-sealed under a new
 * first key (rotation). A sealed key is `0x01 | iv (12) | tag (16) | ciphertext`; the additional data names what the
 * key belongs to (`certificate:<invoice>`, `ca`), so a sealed key copied onto another row does not open.
 */
export class KeySealer {
  private readonly byId = new Map<string, Buffer>();
  /** The id new seals record: the first key's. */
  readonly keyId: string;

  constructor(keys: readonly KeyEncryptionKey[]) {
    if (keys.length === 0) throw new Error('at least one key-encryption key');
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new Error(`key-encryption key "${id}" is not 32 bytes (AES-256)`);
      if (this.byId.has(id)) throw new Error(`key-encryption key id "${id}" is listed twice`);
      this.byId.set(id, key);
    }
    for (const { key } of keys) if (!this.byId.has(legacyKeyId(key))) this.byId.set(legacyKeyId(key), key);
    this.keyId = keys[0]!.id;
  }

  /** Whether a value sealed under this key id opens here. */
  canOpen(keyId: string): boolean {
    return this.byId.has(keyId);
  }

  seal(plaintext: Uint8Array, context: string): SealedKey {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.byId.get(this.keyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      ciphertext: Buffer.concat([Buffer.of(FORMAT_V1), iv, cipher.getAuthTag(), ciphertext]),
      keyId: this.keyId,
    };
  }

  /** The plaintext; throws if the key id is not configured, or the data was sealed for another context or altered. */
  open(sealed: Uint8Array, keyId: string, context: string): Buffer {
    const key = this.byId.get(keyId);
    if (!key) throw new Error(`sealed with key-encryption key "${keyId}", which ECP_KEY_ENCRYPTION_KEYS does not list`);
    const data = Buffer.from(sealed);
    if (data.length < 1 + IV_BYTES + TAG_BYTES || data[0] !== FORMAT_V1)
      throw new Error('not a sealed key (unknown format)');
    const iv = data.subarray(1, 1 + IV_BYTES);
    const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  }
}
