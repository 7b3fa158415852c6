import { describe, expect, it } from '@jest/globals';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { ECDSA_SHA256, generateDevelopmentCa, loadCa } from './ca-material.js';
import { checkCsr } from './csr.js';
import { subtle, x509, type CryptoKeyPair } from './x509.js';

const toPem = (pkcs8: Uint8Array) =>
  createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }).export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;

async function selfSigned(keys: CryptoKeyPair, ca: boolean, alg: { name: string; hash: string }) {
  return x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=Test',
    keys,
    signingAlgorithm: alg,
    extensions: ca ? [new x509.BasicConstraintsExtension(true, 0, true)] : [],
  });
}

describe('the development CA', () => {
  it('is a self-signed CA for ten years that signs with ECDSA P-256', async () => {
    const now = new Date('2026-03-10T06:00:00.500Z');
    const { material, pkcs8 } = await generateDevelopmentCa(now);
    const cert = material.certificate;
    expect(cert.subject).toMatch(/DEVELOPMENT/);
    expect(cert.notBefore).toEqual(new Date('2026-03-10T06:00:00Z'));
    expect(cert.notAfter).toEqual(new Date('2036-03-10T06:00:00Z'));
    expect(cert.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(true);
    expect(await cert.verify({ publicKey: cert.publicKey, signatureOnly: true })).toBe(true);
    expect(material.signingAlgorithm).toEqual(ECDSA_SHA256);
    // The stored PKCS#8 is the key of the certificate: loading them together works.
    expect((await loadCa(cert.toString('pem'), toPem(pkcs8))).certificate.serialNumber).toBe(cert.serialNumber);
  });
});

describe('loadCa (production CA from the environment)', () => {
  it('loads an RSA CA and signs with RSASSA-PKCS1-v1_5 SHA-256', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
    const keys = {
      privateKey: await subtle.importKey('pkcs8', pkcs8, alg, true, ['sign']),
      publicKey: await subtle.importKey(
        'spki',
        (await import('node:crypto')).createPublicKey(privateKey).export({ type: 'spki', format: 'der' }),
        alg,
        true,
        ['verify'],
      ),
    } as CryptoKeyPair;
    const cert = await selfSigned(keys, true, alg);
    const ca = await loadCa(cert.toString('pem'), privateKey.export({ type: 'pkcs1', format: 'pem' }) as string);
    expect(ca.signingAlgorithm).toEqual(alg);
  });

  it('refuses a key that is not the certificate’s', async () => {
    const { material } = await generateDevelopmentCa(new Date());
    const { pkcs8: other } = await generateDevelopmentCa(new Date());
    await expect(loadCa(material.certificate.toString('pem'), toPem(other))).rejects.toThrow(/does not belong/);
  });

  it('refuses a certificate that is not a CA', async () => {
    const keys = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const cert = await selfSigned(keys, false, ECDSA_SHA256);
    const pem = toPem(new Uint8Array(await subtle.exportKey('pkcs8', keys.privateKey)));
    await expect(loadCa(cert.toString('pem'), pem)).rejects.toThrow(/not a CA/);
  });
});

describe('checkCsr', () => {
  async function csr(alg: object, sign: { name: string; hash?: string }) {
    const keys = (await subtle.generateKey(alg as never, true, ['sign', 'verify'])) as CryptoKeyPair;
    return (
      await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=Токен', keys, signingAlgorithm: sign })
    ).toString('pem');
  }

  it('accepts an ECDSA P-256 and an RSA 2048 request, with their keys', async () => {
    const ec = await checkCsr(await csr({ name: 'ECDSA', namedCurve: 'P-256' }, ECDSA_SHA256));
    expect(ec).toMatchObject({ ok: true });
    const rsa = await checkCsr(
      await csr(
        { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
        { name: 'RSASSA-PKCS1-v1_5' },
      ),
    );
    expect(rsa).toMatchObject({ ok: true });
  });

  it('refuses an altered request, a short RSA key and something that is no request', async () => {
    const good = await csr({ name: 'ECDSA', namedCurve: 'P-256' }, ECDSA_SHA256);
    const der = Buffer.from(good.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    // Flip a byte of the subject's name ("Токен"), inside the signed part: the signature no longer matches.
    const at = der.indexOf(Buffer.from('Токен', 'utf8'));
    der[at + 1] ^= 0x01;
    const altered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    expect(await checkCsr(altered)).toMatchObject({ ok: false, code: 'CSR_SIGNATURE_INVALID' });

    const short = await csr(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      { name: 'RSASSA-PKCS1-v1_5' },
    );
    expect(await checkCsr(short)).toMatchObject({ ok: false, code: 'UNSUPPORTED_KEY_ALGORITHM' });

    expect(
      await checkCsr(
        '-----BEGIN CERTIFICATE REQUEST-----\nMIIBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END CERTIFICATE REQUEST-----\n',
      ),
    ).toMatchObject({
      ok: false,
      code: 'CSR_MALFORMED',
    });
  });
});
