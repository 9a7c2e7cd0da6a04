/**
 * Where downloaded platform certificates are kept, so that every instance of the shop trusts the
 * same set and one download serves them all. `MemoryCertificateStore` is the one-process store; a
 * Redis or database store implements the same two methods (one JSON value; a TTL a little past
 * the last `notAfter` is safe, as an empty store only means one more download).
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

  async save(snapshot: CertificateSnapshot): Promise<void> {
    this.snapshot = snapshot;
  }
}
