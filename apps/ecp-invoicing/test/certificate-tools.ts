import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { subtle, x509, type CryptoKeyPair } from '../src/certificates/x509.js';

const OPENSSL = process.env.OPENSSL ?? '/usr/bin/openssl';

/** Runs openssl on PEM files written to a fresh temporary directory; returns stdout (throws with stderr on failure). */
function openssl(files: Record<string, string>, args: (dir: string) => string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecp-cert-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return execFileSync(OPENSSL, args(dir), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `openssl verify -CAfile ca.pem cert.pem`: "…/cert.pem: OK" when the chain verifies. */
export function opensslVerify(caPem: string, certPem: string): string {
  return openssl({ 'ca.pem': caPem, 'cert.pem': certPem }, (d) => [
    'verify',
    '-CAfile',
    join(d, 'ca.pem'),
    join(d, 'cert.pem'),
  ]).trim();
}

/** The fields a test checks, as openssl prints them. */
export function opensslShow(certPem: string) {
  const out = openssl({ 'cert.pem': certPem }, (d) => [
    'x509',
    '-in',
    join(d, 'cert.pem'),
    '-noout',
    '-subject',
    '-nameopt',
    'utf8,sep_comma_plus_space',
    '-startdate',
    '-enddate',
    '-serial',
    '-ext',
    'keyUsage,basicConstraints',
  ]);
  const line = (prefix: string) =>
    out
      .split('\n')
      .find((l) => l.startsWith(prefix))
      ?.slice(prefix.length)
      .trim() ?? '';
  return {
    subject: line('subject='),
    notBefore: new Date(line('notBefore=')),
    notAfter: new Date(line('notAfter=')),
    serial: line('serial=').toLowerCase(),
    text: out,
  };
}

/** The DER SubjectPublicKeyInfo of a PEM certificate or request, as openssl extracts it, in base64. */
export function opensslPublicKey(pem: string, kind: 'x509' | 'req'): string {
  return openssl({ 'in.pem': pem }, (d) => [kind, '-in', join(d, 'in.pem'), '-noout', '-pubkey']).replace(
    /-----[^-]+-----|\s/g,
    '',
  );
}

/** A PKCS#10 request made the way a client's token would: a fresh key pair, the request signed by it, naming `name`. */
export async function makeCsr(kind: 'ec' | 'rsa' = 'ec', name = 'CN=Rutoken ECP, O=Client'): Promise<string> {
  const [alg, sign] =
    kind === 'ec'
      ? [
          { name: 'ECDSA', namedCurve: 'P-256' },
          { name: 'ECDSA', hash: 'SHA-256' },
        ]
      : [
          {
            name: 'RSASSA-PKCS1-v1_5',
            modulusLength: 2048,
            publicExponent: new Uint8Array([1, 0, 1]),
            hash: 'SHA-256',
          },
          { name: 'RSASSA-PKCS1-v1_5' },
        ];
  const keys = (await subtle.generateKey(alg as never, true, ['sign', 'verify'])) as CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name, keys, signingAlgorithm: sign });
  return csr.toString('pem');
}

/** The same request (of the default name) with one byte of its signed content changed: well-formed, but its signature no longer verifies. */
export function tamperCsr(pem: string): string {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const at = der.indexOf(Buffer.from('Rutoken', 'ascii'));
  der[at] ^= 0x20; // 'R' → 'r'
  const body = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE REQUEST-----\n${body}\n-----END CERTIFICATE REQUEST-----\n`;
}
