/**
 * What a Dos Tek ЭЦП certificate says, independent of how it is encoded: the subject, the validity period and the
 * serial number rules. The X.509 issuer turns this into DER.
 */

/** X.500 attribute types used in the subject, by OID, so that the encoding does not depend on a library's aliases. */
export const SUBJECT_OIDS = {
  country: '2.5.4.6',
  organization: '2.5.4.10',
  /** X.520 serialNumber: carries the organization's INN (14 digits). */
  serialNumber: '2.5.4.5',
  /** X.520 title: the signer's role in the organization. */
  title: '2.5.4.12',
  commonName: '2.5.4.3',
} as const;

/**
 * Whom the certificate names: always the registration's organization, INN, signer and role, as the registrar (or the
 * website partner) took them down; never what a CSR says about itself.
 */
export interface CertificateHolder {
  readonly organizationName: string;
  readonly inn: string;
  readonly signerName: string;
  readonly signerRole: string;
}

/** One attribute per RDN, in the usual big-endian order: C, O, serialNumber (INN), title, CN. */
export function subjectAttributes(holder: CertificateHolder): Record<string, string[]>[] {
  return [
    { [SUBJECT_OIDS.country]: ['KG'] },
    { [SUBJECT_OIDS.organization]: [holder.organizationName] },
    { [SUBJECT_OIDS.serialNumber]: [holder.inn] },
    { [SUBJECT_OIDS.title]: [holder.signerRole] },
    { [SUBJECT_OIDS.commonName]: [holder.signerName] },
  ];
}

/** The key usages of a signing certificate: signatures, and non-repudiation (a signed document binds the signer). */
export const SIGNING_KEY_USAGES = ['digitalSignature', 'nonRepudiation'] as const;

/** `at` plus whole calendar months in UTC; a day the target month lacks becomes its last day (29 Feb → 28 Feb). */
export function addMonthsUtc(at: Date, months: number): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      y,
      m,
      Math.min(at.getUTCDate(), lastDay),
      at.getUTCHours(),
      at.getUTCMinutes(),
      at.getUTCSeconds(),
      at.getUTCMilliseconds(),
    ),
  );
}

/** From the production instant (to the whole second, as X.509 keeps it) for the product's number of months. */
export function certificateValidity(producedAt: Date, months: number): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(Math.floor(producedAt.getTime() / 1000) * 1000);
  return { notBefore, notAfter: addMonthsUtc(notBefore, months) };
}

/** Bytes of randomness in a serial number: 128 bits, well above the CA/Browser Forum's 64, within RFC 5280's 20 octets. */
export const SERIAL_BYTES = 16;

/**
 * A serial number as lowercase hex: random, positive (top bit clear) and always the full length (second-highest bit
 * set, so no leading zero byte is dropped in DER). Unique per CA; the database's unique index is the last word.
 */
export function serialNumberFrom(random: Uint8Array): string {
  if (random.length !== SERIAL_BYTES) throw new Error(`a serial number needs ${SERIAL_BYTES} random bytes`);
  const bytes = Uint8Array.from(random);
  bytes[0] = (bytes[0] & 0x3f) | 0x40;
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
