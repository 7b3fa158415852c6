import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, isDevelopmentMode, type Clock } from '#platform';
import { ECP_INVOICING_CONFIG, type EcpInvoicingConfig } from '../ecp-invoicing.config.js';
import { developmentCaFrom, generateDevelopmentCa, loadCa, type CaMaterial } from './ca-material.js';
import { KeySealer } from './key-sealer.js';

/** The sealing context of the development CA's key. */
export const CA_SEAL_CONTEXT = 'ca';

/**
 * The Dos Tek CA that signs every certificate. In production it comes from ECP_CA_CERT_PEM / ECP_CA_KEY_PEM. In
 * development it is generated on first start and kept in the service's database (its key sealed), under an advisory
 * lock so that instances starting together agree on one CA. Loaded once; a failed load is retried on next use.
 */
@Injectable()
export class CertificateAuthority implements OnModuleInit {
  private readonly logger = new Logger('CertificateAuthority');
  private loading?: Promise<CaMaterial>;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ECP_INVOICING_CONFIG) private readonly config: EcpInvoicingConfig,
    @Inject(KeySealer) private readonly sealer: KeySealer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Loads the CA at start-up, so that a misconfigured one stops the service before it takes any message. */
  async onModuleInit(): Promise<void> {
    await this.ready();
  }

  ready(): Promise<CaMaterial> {
    this.loading ??= this.load().catch((e: unknown) => {
      this.loading = undefined;
      throw e;
    });
    return this.loading;
  }

  /** The CA certificate as PEM, for clients and relying parties to trust. */
  async certificatePem(): Promise<string> {
    return (await this.ready()).certificate.toString('pem');
  }

  private async load(): Promise<CaMaterial> {
    const { ECP_CA_CERT_PEM: cert, ECP_CA_KEY_PEM: key } = this.config;
    if (cert && key) {
      const ca = await loadCa(cert, key);
      this.logger.log(
        `CA from the environment: ${ca.certificate.subject}, valid until ${ca.certificate.notAfter.toISOString()}`,
      );
      if (ca.certificate.notAfter.getTime() < this.clock.now().getTime())
        this.logger.error('the configured CA certificate has expired: certificates it signs will not verify');
      return ca;
    }
    // Refused at start already (development-secrets.ts); kept so that no path ever makes a development CA in production.
    if (!isDevelopmentMode(this.config.NODE_ENV))
      throw new Error('no CA configured (ECP_CA_CERT_PEM, ECP_CA_KEY_PEM): production uses no development CA');
    const ca = await this.loadOrGenerateDevelopmentCa();
    this.logger.warn(
      `DEVELOPMENT CA in use (${ca.certificate.subject}, serial ${ca.certificate.serialNumber}): certificates it signs are for testing only. ` +
        'Set ECP_CA_CERT_PEM and ECP_CA_KEY_PEM in production.',
    );
    return ca;
  }

  private loadOrGenerateDevelopmentCa(): Promise<CaMaterial> {
    return this.db.transaction(async (tx) => {
      // Held until commit: a second instance waits here, then finds the CA the first one stored.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('ecp-invoicing:development-ca'))`);
      const [stored] = await tx.query(
        `SELECT certificate_pem, private_key_sealed, key_encryption_key_id FROM certificate_authority`,
      );
      if (stored) {
        if (!this.sealer.canOpen(stored.key_encryption_key_id)) {
          throw new Error(
            `the development CA key in the database was sealed with key-encryption key "${stored.key_encryption_key_id}", which ` +
              'ECP_KEY_ENCRYPTION_KEYS does not list: list it again (then re-seal and drop it, docs/ecp.md) or configure a CA',
          );
        }
        return developmentCaFrom(
          stored.certificate_pem,
          this.sealer.open(stored.private_key_sealed, stored.key_encryption_key_id, CA_SEAL_CONTEXT),
        );
      }
      const { material, pkcs8 } = await generateDevelopmentCa(this.clock.now());
      const sealed = this.sealer.seal(pkcs8, CA_SEAL_CONTEXT);
      await tx.query(
        `INSERT INTO certificate_authority (certificate_pem, private_key_sealed, key_encryption_key_id) VALUES ($1, $2, $3)`,
        [material.certificate.toString('pem'), sealed.ciphertext, sealed.keyId],
      );
      this.logger.warn('generated a new development CA and stored it in the database');
      return material;
    });
  }
}
