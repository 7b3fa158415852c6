import { keyAlgorithmProblem, type ProductionFailureCode } from '../domain/signature-production.js';
import { x509 } from './x509.js';

/** What a good CSR yields: its public key, and nothing else (its subject is the requester's say-so, never certified). */
export type CsrCheck =
  { ok: true; publicKey: x509.PublicKey } | { ok: false; code: ProductionFailureCode; reason: string };

/**
 * Checks a PKCS#10 request made on the client's token: it parses, its key is one we certify, and it is signed by that
 * key (proof that whoever made it holds the private key, and that nothing was altered on the way).
 */
export async function checkCsr(pem: string): Promise<CsrCheck> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(pem);
  } catch (e) {
    return { ok: false, code: 'CSR_MALFORMED', reason: `the CSR is not a PKCS#10 request: ${(e as Error).message}` };
  }
  let algorithm: { name: string; namedCurve?: string; modulusLength?: number };
  try {
    algorithm = csr.publicKey.algorithm as typeof algorithm;
  } catch (e) {
    return {
      ok: false,
      code: 'UNSUPPORTED_KEY_ALGORITHM',
      reason: `the CSR's key algorithm is not supported: ${(e as Error).message}`,
    };
  }
  const problem = keyAlgorithmProblem(algorithm);
  if (problem) return { ok: false, code: 'UNSUPPORTED_KEY_ALGORITHM', reason: problem };
  let verified = false;
  try {
    verified = await csr.verify();
  } catch {
    verified = false;
  }
  if (!verified)
    return {
      ok: false,
      code: 'CSR_SIGNATURE_INVALID',
      reason: 'the CSR is not signed by the key it carries: it was altered or corrupted; make a new one on the token',
    };
  return { ok: true, publicKey: csr.publicKey };
}
