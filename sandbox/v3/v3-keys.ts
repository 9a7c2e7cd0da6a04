/**
 * WeChat's v3 key material for the one merchant: its platform certificates (served by
 * /v3/certificates, rotated on demand), its public key (`PUB_KEY_ID_…`), the merchant's public key
 * to check requests with, and the merchant's mode, which decides what signs each message.
 *
 *   keys.forAnswer(request's Wechatpay-Serial)   the key an answer is signed with
 *   keys.forNotification(signWith | null)        the key a notification attempt is signed with
 *   keys.rotate() / keys.dropOld()               a platform-certificate rotation in two steps
 *   keys.setMode('both')                         WeChat's switch-over to the public key
 */
import { type KeyObject, type X509Certificate, createPublicKey } from 'node:crypto';
import { ConfigError } from '../../src/config-error.js';
import { loadCertificate, loadPrivateKey, readPemSetting } from '../../src/adapters/wechat/v3/key-material.js';
import { PUBLIC_KEY_ID_PREFIX } from '../../src/adapters/wechat/v3/verifier.js';
import type { SignWith } from '../notifier.js';
import { SandboxControlError } from '../sandbox-merchant.js';
import type { SandboxMerchantV3, SandboxV3Mode } from '../sandbox.config.js';

export interface V3SigningKey {
  /** What Wechatpay-Serial names: a certificate serial (upper-case hex) or the public key id. */
  readonly serial: string;
  readonly privateKey: KeyObject;
}

export interface PlatformCertificate extends V3SigningKey {
  readonly certificate: X509Certificate;
}

export class SandboxV3Keys {
  readonly apiV3Key: string;
  readonly mchSerial: string;
  /** The merchant's public key: every request's Authorization must verify with it. */
  readonly merchantKey: KeyObject;
  readonly publicKey: V3SigningKey;
  private readonly pool: readonly PlatformCertificate[];
  private served: PlatformCertificate[];
  private current: SandboxV3Mode;
  private turn = 0;

  constructor(config: SandboxMerchantV3) {
    if (Buffer.byteLength(config.apiV3Key, 'utf8') !== 32) throw new ConfigError('apiV3Key', 'must be 32 bytes, as WeChat issues it');
    if (!config.publicKeyId.startsWith(PUBLIC_KEY_ID_PREFIX)) throw new ConfigError('publicKeyId', `must start with ${PUBLIC_KEY_ID_PREFIX}`);
    if (config.platformCertificates.length === 0) throw new ConfigError('platformCertificates', 'needs at least one certificate');
    this.apiV3Key = config.apiV3Key;
    this.mchSerial = config.mchSerial;
    this.merchantKey = createPublicKey(readPemSetting(config.privateKeyPath, 'privateKeyPath'));
    this.publicKey = { serial: config.publicKeyId, privateKey: loadPrivateKey(config.publicKeySigningKeyPath, 'publicKeySigningKeyPath') };
    this.pool = config.platformCertificates.map((files, n) => {
      const certificate = loadCertificate(files.certificatePath, `platformCertificates[${n}].certificatePath`);
      return { certificate, serial: serialOf(certificate), privateKey: loadPrivateKey(files.privateKeyPath, `platformCertificates[${n}].privateKeyPath`) };
    });
    this.served = [this.pool[0]!];
    this.current = config.mode;
  }

  get mode(): SandboxV3Mode {
    return this.current;
  }

  setMode(mode: SandboxV3Mode): void {
    this.current = mode;
  }

  /** The certificates /v3/certificates lists, oldest first; the last one signs. */
  certificates(): readonly PlatformCertificate[] {
    return this.served;
  }

  /**
   * As WeChat answers: a request whose Wechatpay-Serial names the public key gets a public-key
   * signature when the merchant has one (public_key, both); otherwise the mode decides.
   */
  forAnswer(requestedSerial: string | undefined): V3SigningKey {
    if (this.current === 'public_key') return this.publicKey;
    if (this.current === 'both' && requestedSerial?.trim() === this.publicKey.serial) return this.publicKey;
    return this.signingCertificate();
  }

  /** During the switch-over (`both`) notifications alternate, certificate first; `signWith` overrides the mode. */
  forNotification(signWith: SignWith | null): V3SigningKey {
    const kind = signWith ?? (this.current === 'both' ? (this.turn++ % 2 === 0 ? 'certificate' : 'public_key') : this.current);
    return kind === 'public_key' ? this.publicKey : this.signingCertificate();
  }

  /** Serves the next certificate of the pool beside the current ones and signs with it from now on. */
  rotate(): PlatformCertificate {
    const last = this.pool.indexOf(this.signingCertificate());
    const next = [...this.pool.slice(last + 1), ...this.pool.slice(0, last)].find((candidate) => !this.served.includes(candidate));
    if (!next) throw new SandboxControlError(409, 'NOTHING_TO_ROTATE', 'every configured platform certificate is already served: drop the old one first');
    this.served.push(next);
    return next;
  }

  /** Ends a rotation: only the newest certificate stays served. */
  dropOld(): readonly PlatformCertificate[] {
    if (this.served.length < 2) throw new SandboxControlError(409, 'NOTHING_TO_DROP', 'only one platform certificate is served');
    const dropped = this.served.slice(0, -1);
    this.served = [this.signingCertificate()];
    return dropped;
  }

  private signingCertificate(): PlatformCertificate {
    return this.served[this.served.length - 1]!;
  }
}

/** Upper-case hex without leading zeros, as WeChat writes serials. */
function serialOf(certificate: X509Certificate): string {
  return certificate.serialNumber.toUpperCase().replace(/^0+(?=.)/, '');
}
