import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { KeySealer } from './key-sealer.js';

const sealer = new KeySealer(randomBytes(32));
const secret = Buffer.from('-----BEGIN PRIVATE KEY----- not really -----END PRIVATE KEY-----');

describe('KeySealer', () => {
  it('opens what it sealed, for the same context', () => {
    const sealed = sealer.seal(secret, 'certificate:4539578763621486');
    expect(sealer.open(sealed, 'certificate:4539578763621486')).toEqual(secret);
  });

  it('never shows the plaintext, and seals the same key differently each time', () => {
    const a = sealer.seal(secret, 'ca');
    const b = sealer.seal(secret, 'ca');
    expect(a.includes(secret.subarray(0, 16))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('refuses another context, another key, and any altered byte', () => {
    const sealed = sealer.seal(secret, 'certificate:4539578763621486');
    expect(() => sealer.open(sealed, 'certificate:4000000000000002')).toThrow();
    expect(() => new KeySealer(randomBytes(32)).open(sealed, 'certificate:4539578763621486')).toThrow();
    for (const i of [0, 5, 20, sealed.length - 1]) {
      const altered = Buffer.from(sealed);
      altered[i] ^= 0x01;
      expect(() => sealer.open(altered, 'certificate:4539578763621486')).toThrow();
    }
  });

  it('names its key by a hash, and knows the development key', () => {
    expect(sealer.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(sealer.isDevelopmentKey).toBe(false);
    expect(new KeySealer(KeySealer.DEVELOPMENT_KEY).isDevelopmentKey).toBe(true);
    expect(() => new KeySealer(randomBytes(16))).toThrow();
  });
});
