/**
 * Platform-certificate mode: downloads `/v3/certificates` through the client's transport, decrypts
 * each certificate with the APIv3 key, verifies the download's own signature, keeps the set in a
 * CertificateStore and refreshes it before it runs out. Every certificate WeChat lists is trusted
 * (old and new while they rotate), each until its own expiry.
 *
 *   const certificates = new CertificateManager({ transport, apiV3Key, store, now });
 *   await certificates.start();                      // first download if the store is empty; then checks hourly
 *   new CertificateVerifier(certificates, now)       // verifies with whatever the store holds
 *   certificates.stop();
 *
 * A serial nobody knows triggers at most one download per `missCooldownMs`: WeChat may start
 * signing with a new certificate before the next scheduled refresh.
 */
import { X509Certificate } from 'node:crypto';
import { type EncryptedResource, decryptResource } from './aead.js';
import { CertificateVerifier, type PlatformCertificates, StaticCertificates, certificateSerial, isValidAt, normalizeSerial, validity } from './certificate-verifier.js';
import { type CertificateSnapshot, type CertificateStore, MemoryCertificateStore } from './certificate-store.js';
import type { V3Transport } from './transport.js';
import { WechatPayValidator } from './validator.js';

export const CERTIFICATES_PATH = '/v3/certificates';
const HOUR = 60 * 60 * 1000;

export interface CertificateManagerOptions {
  readonly transport: V3Transport;
  readonly apiV3Key: string;
  readonly store?: CertificateStore;
  readonly now?: () => Date;
  /** A download older than this is repeated (WeChat's SDKs use about a day). */
  readonly refreshIntervalMs?: number;
  /** Download again when the newest certificate expires within this. */
  readonly renewBeforeMs?: number;
  /** How often `start()` looks whether a refresh is due. */
  readonly checkEveryMs?: number;
  readonly missCooldownMs?: number;
  /** Background refresh failures land here (a log line); they never throw into a request. */
  readonly onError?: (error: unknown) => void;
}

export class CertificateDownloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateDownloadError';
  }
}

export class CertificateManager implements PlatformCertificates {
  readonly store: CertificateStore;
  private readonly now: () => Date;
  private readonly parsed = new Map<string, X509Certificate>();
  private inflight: Promise<void> | null = null;
  private lastMissRefresh = -Infinity;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: CertificateManagerOptions) {
    this.store = options.store ?? new MemoryCertificateStore();
    this.now = options.now ?? (() => new Date());
  }

  async find(serialNo: string): Promise<X509Certificate | undefined> {
    const wanted = normalizeSerial(serialNo);
    const found = (await this.current()).find((certificate) => certificateSerial(certificate) === wanted);
    const cooldown = this.options.missCooldownMs ?? 60_000;
    if (found || this.now().getTime() - this.lastMissRefresh < cooldown) return found;
    this.lastMissRefresh = this.now().getTime();
    await this.refresh().catch((error: unknown) => this.options.onError?.(error));
    return (await this.current()).find((certificate) => certificateSerial(certificate) === wanted);
  }

  /** Every stored certificate still valid now, newest expiry first. */
  async certificates(): Promise<X509Certificate[]> {
    const now = this.now();
    return (await this.current()).filter((certificate) => isValidAt(certificate, now)).sort((a, b) => validity(b).notAfter.getTime() - validity(a).notAfter.getTime());
  }

  /** Downloads now; concurrent callers share one download. */
  refresh(): Promise<void> {
    this.inflight ??= this.download().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** Downloads when the store is empty, the last download is old, or the newest certificate is about to expire. */
  async refreshIfDue(): Promise<boolean> {
    const snapshot = await this.store.load();
    if (snapshot && !this.isDue(snapshot)) return false;
    await this.refresh();
    return true;
  }

  /** Resolves after the first check (so a start-up with no usable certificate fails loudly), then checks in the background. */
  async start(): Promise<void> {
    await this.refreshIfDue();
    this.timer ??= setInterval(() => void this.refreshIfDue().catch((error: unknown) => this.options.onError?.(error)), this.options.checkEveryMs ?? HOUR);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private isDue(snapshot: CertificateSnapshot): boolean {
    const now = this.now().getTime();
    const age = now - new Date(snapshot.downloadedAt).getTime();
    const newest = Math.max(...snapshot.certificates.map((certificate) => new Date(certificate.notAfter).getTime()));
    if (Number.isNaN(age) || Number.isNaN(newest)) return true;
    return age >= (this.options.refreshIntervalMs ?? 12 * HOUR) || newest - now <= (this.options.renewBeforeMs ?? 72 * HOUR);
  }

  private async current(): Promise<X509Certificate[]> {
    const snapshot = await this.store.load();
    return (snapshot?.certificates ?? []).map(({ pem }) => {
      let certificate = this.parsed.get(pem);
      if (!certificate) this.parsed.set(pem, (certificate = new X509Certificate(pem)));
      return certificate;
    });
  }

  private async download(): Promise<void> {
    const answer = await this.options.transport.send({ method: 'GET', path: CERTIFICATES_PATH });
    if (answer.status !== 200) throw new CertificateDownloadError(`${CERTIFICATES_PATH} answered HTTP ${answer.status}`);
    const downloaded = this.decryptAll(answer.body);
    // The download is signed like any answer. Its key is one we already trust or, on the first
    // download and during a rotation, one it carries itself: those were encrypted with our APIv3
    // key, which only WeChat shares with us, as WeChat's own SDKs reason.
    const trusted = await this.current();
    const verifier = new CertificateVerifier(new StaticCertificates([...trusted, ...downloaded]), this.now);
    await new WechatPayValidator(verifier, { now: this.now }).validate(answer.headers, answer.body);

    const now = this.now();
    const usable = downloaded.filter((certificate) => isValidAt(certificate, now));
    if (usable.length === 0) throw new CertificateDownloadError(`${CERTIFICATES_PATH} listed no certificate valid now`);
    await this.store.save({
      certificates: usable.map((certificate) => ({ serialNo: certificateSerial(certificate), pem: certificate.toString(), notAfter: validity(certificate).notAfter.toISOString() })),
      downloadedAt: now.toISOString(),
    });
  }

  private decryptAll(body: Buffer): X509Certificate[] {
    let data: unknown;
    try {
      data = (JSON.parse(body.toString('utf8')) as { data?: unknown }).data;
    } catch {
      throw new CertificateDownloadError(`${CERTIFICATES_PATH} answered something that is not JSON`);
    }
    if (!Array.isArray(data) || data.length === 0) throw new CertificateDownloadError(`${CERTIFICATES_PATH} listed no certificate`);
    return data.map((entry: { serial_no?: unknown; encrypt_certificate?: EncryptedResource }) => {
      if (typeof entry?.serial_no !== 'string' || !entry.encrypt_certificate) throw new CertificateDownloadError(`${CERTIFICATES_PATH}: an entry lacks serial_no or encrypt_certificate`);
      const certificate = this.open(entry.encrypt_certificate);
      if (certificateSerial(certificate) !== normalizeSerial(entry.serial_no)) {
        throw new CertificateDownloadError(`${CERTIFICATES_PATH}: certificate ${entry.serial_no.slice(0, 64)} is not the one it claims to be`);
      }
      return certificate;
    });
  }

  private open(encrypted: EncryptedResource): X509Certificate {
    const pem = decryptResource(encrypted, this.options.apiV3Key);
    try {
      return new X509Certificate(pem);
    } catch {
      throw new CertificateDownloadError(`${CERTIFICATES_PATH}: a decrypted entry is not a certificate`);
    }
  }
}
