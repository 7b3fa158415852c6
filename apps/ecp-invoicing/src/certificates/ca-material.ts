import { createHash, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { DEVELOPMENT_CA_MARK } from '#platform';
import { addMonthsUtc, SERIAL_BYTES, serialNumberFrom } from '../domain/certificate-profile.js';
import { subtle, x509, type CryptoKey, type CryptoKeyPair } from './x509.js';

/** A CA ready to sign: its certificate, its private key and the signature algorithm that key makes. */
export interface CaMaterial {
  readonly certificate: x509.X509Certificate;
  readonly signingKey: CryptoKey;
  readonly signingAlgorithm: { name: string; hash: string };
}

/** Keys this service generates, for its development CA and for cloud keys: ECDSA on P-256 with SHA-256. */
export const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** How long the development CA is valid; the certificates it issues live 12 months. */
const DEVELOPMENT_CA_YEARS = 10;

/** Generates a self-signed development CA (ECDSA P-256), returning its private key as PKCS#8 for storage. */
export async function generateDevelopmentCa(now: Date): Promise<{ material: CaMaterial; pkcs8: Uint8Array }> {
  const keys = (await subtle.generateKey(EC_P256, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumberFrom(randomBytes(SERIAL_BYTES)),
    name: [
      { '2.5.4.6': ['KG'] },
      { '2.5.4.10': ['ОсОО «Дос Тек Групп»'] },
      { '2.5.4.3': [`Dos Tek Group ЭЦП CA (${DEVELOPMENT_CA_MARK})`] },
    ],
    notBefore,
    notAfter: addMonthsUtc(notBefore, 12 * DEVELOPMENT_CA_YEARS),
    keys,
    signingAlgorithm: ECDSA_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', keys.privateKey));
  return { material: { certificate, signingKey: keys.privateKey, signingAlgorithm: ECDSA_SHA256 }, pkcs8 };
}

const CURVES: Record<string, { namedCurve: string; hash: string }> = {
  prime256v1: { namedCurve: 'P-256', hash: 'SHA-256' },
  secp384r1: { namedCurve: 'P-384', hash: 'SHA-384' },
};

/**
 * Loads a CA from its certificate (PEM) and private key (PEM: PKCS#8, or the traditional EC/RSA forms). Refuses a
 * certificate that is not a CA, or a key that is not the certificate's, so a misconfigured production fails at start.
 */
export async function loadCa(certificatePem: string, privateKeyPem: string): Promise<CaMaterial> {
  const certificate = new x509.X509Certificate(certificatePem);
  const keyObject = createPrivateKey(privateKeyPem);
  const spkiOfKey = createPublicKey(keyObject).export({ type: 'spki', format: 'der' });
  if (!Buffer.from(certificate.publicKey.rawData).equals(spkiOfKey))
    throw new Error('the CA private key does not belong to the CA certificate');
  const constraints = certificate.getExtension(x509.BasicConstraintsExtension);
  if (!constraints?.ca) throw new Error('the CA certificate is not a CA certificate (basicConstraints cA is not set)');
  const pkcs8 = keyObject.export({ type: 'pkcs8', format: 'der' });
  if (keyObject.asymmetricKeyType === 'ec') {
    const curve = CURVES[keyObject.asymmetricKeyDetails?.namedCurve ?? ''];
    if (!curve)
      throw new Error(
        `the CA key's curve ${keyObject.asymmetricKeyDetails?.namedCurve} is not supported (P-256 or P-384)`,
      );
    const signingKey = await subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: curve.namedCurve }, false, [
      'sign',
    ]);
    return { certificate, signingKey, signingAlgorithm: { name: 'ECDSA', hash: curve.hash } };
  }
  if (keyObject.asymmetricKeyType === 'rsa') {
    const signingKey = await subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    return { certificate, signingKey, signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } };
  }
  throw new Error(`the CA key type ${keyObject.asymmetricKeyType} is not supported (EC or RSA)`);
}

/** Imports a stored development CA key (PKCS#8 of an ECDSA P-256 key). */
export async function developmentCaFrom(certificatePem: string, pkcs8: Uint8Array): Promise<CaMaterial> {
  const signingKey = await subtle.importKey('pkcs8', pkcs8, EC_P256, false, ['sign']);
  return { certificate: new x509.X509Certificate(certificatePem), signingKey, signingAlgorithm: ECDSA_SHA256 };
}

/** SHA-256 of DER bytes as hex. */
export function sha256Hex(der: ArrayBuffer | Uint8Array): string {
  return createHash('sha256').update(new Uint8Array(der)).digest('hex');
}
