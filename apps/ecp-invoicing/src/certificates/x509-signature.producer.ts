import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import {
  certificateValidity,
  SERIAL_BYTES,
  serialNumberFrom,
  subjectAttributes,
} from '../domain/certificate-profile.js';
import {
  SignatureProducer,
  type IssuedCertificate,
  type ProductionOutcome,
  type SignatureOrder,
} from '../domain/signature-producer.js';
import { EC_P256, sha256Hex } from './ca-material.js';
import { CertificateAuthority } from './certificate-authority.js';
import { checkCsr } from './csr.js';
import { KeySealer } from './key-sealer.js';
import { subtle, x509, type CryptoKeyPair } from './x509.js';

/** A name as openssl prints it (serialNumber, title), not with the library's OID and `T` for those two. */
const readableName = (name: x509.Name) =>
  new x509.Name(name.toArrayBuffer(), { serialNumber: '2.5.4.5', title: '2.5.4.12' }).toString();

/** The sealing context of a cloud key: the key opens only as the key of this invoice's certificate. */
export const cloudKeyContext = (invoiceNumber: string) => `certificate:${invoiceNumber}`;

/**
 * Produces the electronic signature as an X.509 certificate signed by the Dos Tek CA. A cloud key pair (ECDSA P-256)
 * is generated here and its private key sealed for storage; a token key is taken from the client's verified CSR.
 */
@Injectable()
export class X509SignatureProducer extends SignatureProducer {
  constructor(
    @Inject(CertificateAuthority) private readonly ca: CertificateAuthority,
    @Inject(KeySealer) private readonly sealer: KeySealer,
  ) {
    super();
  }

  async produce(order: SignatureOrder, at: Date): Promise<ProductionOutcome> {
    const ca = await this.ca.ready();
    let publicKey: x509.PublicKey;
    let sealedPrivateKey: IssuedCertificate['sealedPrivateKey'] = null;
    if (order.keySource.kind === 'csr') {
      const csr = await checkCsr(order.keySource.pem);
      if (!csr.ok) return { kind: 'failed', code: csr.code, reason: csr.reason };
      publicKey = csr.publicKey;
    } else {
      const keys = (await subtle.generateKey(EC_P256, true, ['sign', 'verify'])) as CryptoKeyPair;
      const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', keys.privateKey));
      sealedPrivateKey = this.sealer.seal(pkcs8, cloudKeyContext(order.invoiceNumber));
      pkcs8.fill(0);
      publicKey = await x509.PublicKey.create(keys.publicKey);
    }

    const { notBefore, notAfter } = certificateValidity(at, order.validityMonths);
    const serialNumber = serialNumberFrom(randomBytes(SERIAL_BYTES));
    const caKeyId = ca.certificate.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber,
      subject: subjectAttributes(order.holder),
      issuer: ca.certificate.subjectName,
      notBefore,
      notAfter,
      publicKey,
      signingKey: ca.signingKey,
      signingAlgorithm: ca.signingAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
        await x509.SubjectKeyIdentifierExtension.create(publicKey),
        caKeyId
          ? new x509.AuthorityKeyIdentifierExtension(caKeyId)
          : await x509.AuthorityKeyIdentifierExtension.create(ca.certificate.publicKey),
      ],
    });
    return {
      kind: 'produced',
      certificate: {
        serialNumber,
        subject: readableName(certificate.subjectName),
        notBefore,
        notAfter,
        certificatePem: certificate.toString('pem'),
        keySource: order.keySource.kind === 'csr' ? 'CSR' : 'CLOUD',
        publicKeySha256: sha256Hex(publicKey.rawData),
        sealedPrivateKey,
      },
    };
  }
}
