/**
 * Where downloaded platform certificates are kept, so that every instance of the shop trusts the
 * same set and one download serves them all. `MemoryCertificateStore` is the one-process store; a
 * Redis or database store implements the same two methods (one JSON value; a TTL a little past
 * the last `notAfter` is safe, as an empty store only means one more download). Instances download
 * on their own, so `save` keeps the newest download: an older one saved late is dropped.
 */
export interface StoredCertificate {
  /** Upper-case hex, as WeChat writes it in Wechatpay-Serial. */
  readonly serialNo: string;
  readonly pem: string;
  /** ISO 8601; the certificate itself stays the authority, this is for a store's TTL. */
  readonly notAfter: string;
}

export interface CertificateSnapshot {
  readonly certificates: readonly StoredCertificate[];
  /** ISO 8601 time of the download that produced this set. */
  readonly downloadedAt: string;
}

export interface CertificateStore {
  load(): Promise<CertificateSnapshot | null>;
  save(snapshot: CertificateSnapshot): Promise<void>;
}

export class MemoryCertificateStore implements CertificateStore {
  private snapshot: CertificateSnapshot | null = null;

  async load(): Promise<CertificateSnapshot | null> {
    return this.snapshot;
  }

  /** As every store: an older download saved late never replaces a newer one. */
  async save(snapshot: CertificateSnapshot): Promise<void> {
    if (this.snapshot && Date.parse(this.snapshot.downloadedAt) > Date.parse(snapshot.downloadedAt)) return;
    this.snapshot = snapshot;
  }
}

/** A snapshot read back from a shared store; anything malformed reads as empty (one more download). */
export function parseCertificateSnapshot(text: string): CertificateSnapshot | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const { certificates, downloadedAt } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (typeof downloadedAt !== 'string' || !Array.isArray(certificates)) return null;
  const valid = certificates.every((entry: unknown) => {
    const { serialNo, pem, notAfter } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    return typeof serialNo === 'string' && typeof pem === 'string' && typeof notAfter === 'string';
  });
  return valid ? { certificates: certificates as StoredCertificate[], downloadedAt } : null;
}
