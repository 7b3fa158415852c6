import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { KeySealer, legacyKeyId } from './key-sealer.js';

const A = { id: 'a', key: randomBytes(32) };
const B = { id: 'b', key: randomBytes(32) };
const sealer = new KeySealer([A]);
const secret = Buffer.from('-----BEGIN PRIVATE KEY----- not really -----END PRIVATE KEY-----');

describe('KeySealer', () => {
  it('opens what it sealed, for the same context, and records the sealing key id', () => {
    const sealed = sealer.seal(secret, 'certificate:4539578763621486');
    expect(sealed.keyId).toBe('a');
    expect(sealer.open(sealed.ciphertext, 'a', 'certificate:4539578763621486')).toEqual(secret);
  });

  it('never shows the plaintext, and seals the same key differently each time', () => {
    const a = sealer.seal(secret, 'ca').ciphertext;
    const b = sealer.seal(secret, 'ca').ciphertext;
    expect(a.includes(secret.subarray(0, 16))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('refuses another context, another key, an unlisted key id, and any altered byte', () => {
    const { ciphertext } = sealer.seal(secret, 'certificate:4539578763621486');
    expect(() => sealer.open(ciphertext, 'a', 'certificate:4000000000000002')).toThrow();
    expect(() =>
      new KeySealer([{ id: 'a', key: randomBytes(32) }]).open(ciphertext, 'a', 'certificate:4539578763621486'),
    ).toThrow();
    expect(() => sealer.open(ciphertext, 'b', 'certificate:4539578763621486')).toThrow(/"b".*ECP_KEY_ENCRYPTION_KEYS/);
    for (const i of [0, 5, 20, ciphertext.length - 1]) {
      const altered = Buffer.from(ciphertext);
      altered[i] ^= 0x01;
      expect(() => sealer.open(altered, 'a', 'certificate:4539578763621486')).toThrow();
    }
  });

  it('seals under the first key and opens under every listed one: rotation', () => {
    const underA = sealer.seal(secret, 'ca');
    const rotated = new KeySealer([B, A]);
    expect(rotated.keyId).toBe('b');
    expect(rotated.open(underA.ciphertext, underA.keyId, 'ca')).toEqual(secret);
    const underB = rotated.seal(secret, 'ca');
    expect(underB.keyId).toBe('b');
    expect(new KeySealer([B]).open(underB.ciphertext, 'b', 'ca')).toEqual(secret);
    expect(new KeySealer([B]).canOpen('a')).toBe(false);
  });

  it("opens values sealed the old way, recorded by the key's fingerprint, while that key is listed", () => {
    const legacy = { ciphertext: sealer.seal(secret, 'ca').ciphertext, keyId: legacyKeyId(A.key) };
    expect(legacy.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(new KeySealer([B, A]).open(legacy.ciphertext, legacy.keyId, 'ca')).toEqual(secret);
    expect(new KeySealer([B]).canOpen(legacy.keyId)).toBe(false);
  });

  it('refuses a short key, a repeated id and an empty ring', () => {
    expect(() => new KeySealer([{ id: 'x', key: randomBytes(16) }])).toThrow(/32 bytes/);
    expect(() => new KeySealer([A, { id: 'a', key: randomBytes(32) }])).toThrow(/twice/);
    expect(() => new KeySealer([])).toThrow();
  });
});
