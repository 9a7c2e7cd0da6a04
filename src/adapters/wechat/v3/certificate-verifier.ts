/**
 * Platform-certificate mode: the key is the certificate whose serial the message names.
 *
 *   new CertificateVerifier(new StaticCertificates([cert]), now)   a fixed set (tests, configured files)
 *   new CertificateVerifier(certificateManager, now)               downloaded and refreshed (certificate-manager.ts)
 *
 * Several certificates are trusted at once while WeChat rotates them; one outside its validity
 * (by the injected clock) is refused as CERTIFICATE_EXPIRED.
 */
import type { X509Certificate } from 'node:crypto';
import { SignatureRejected } from './signature.error.js';
import { type Verifier, clip, rsaSha256Verifies } from './verifier.js';

/** Where the trusted platform certificates come from. */
export interface PlatformCertificates {
  find(serialNo: string): Promise<X509Certificate | undefined>;
}

/** Hex serials compare case-blind and without leading zeros (DER may add one, WeChat never writes it). */
export function normalizeSerial(serial: string): string {
  return serial.trim().toUpperCase().replace(/^0+(?=.)/, '');
}

export function certificateSerial(certificate: X509Certificate): string {
  return normalizeSerial(certificate.serialNumber);
}

export function validity(certificate: X509Certificate): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(certificate.validFrom), notAfter: new Date(certificate.validTo) };
}

export function isValidAt(certificate: X509Certificate, at: Date): boolean {
  const { notBefore, notAfter } = validity(certificate);
  return notBefore.getTime() <= at.getTime() && at.getTime() <= notAfter.getTime();
}

export class StaticCertificates implements PlatformCertificates {
  private readonly bySerial = new Map<string, X509Certificate>();

  constructor(certificates: Iterable<X509Certificate>) {
    for (const certificate of certificates) this.bySerial.set(certificateSerial(certificate), certificate);
  }

  async find(serialNo: string): Promise<X509Certificate | undefined> {
    return this.bySerial.get(normalizeSerial(serialNo));
  }
}

export class CertificateVerifier implements Verifier {
  constructor(
    private readonly certificates: PlatformCertificates,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async verify(serial: string, message: Buffer, signature: string): Promise<void> {
    const certificate = /^[0-9A-Fa-f]{1,64}$/.test(serial) ? await this.certificates.find(serial) : undefined;
    if (!certificate) throw new SignatureRejected('UNKNOWN_SERIAL', `no trusted platform certificate has serial "${clip(serial)}"`);
    if (!isValidAt(certificate, this.now())) {
      throw new SignatureRejected('CERTIFICATE_EXPIRED', `platform certificate ${serial} is outside its validity (until ${certificate.validTo})`);
    }
    if (!rsaSha256Verifies(certificate.publicKey, message, signature)) {
      throw new SignatureRejected('BAD_SIGNATURE', `the signature does not verify with platform certificate ${serial}`);
    }
  }
}
