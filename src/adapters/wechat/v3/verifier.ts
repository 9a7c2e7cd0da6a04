/**
 * Verifiers check one signature with the key the message's serial names.
 *
 *   new PublicKeyVerifier('PUB_KEY_ID_…', publicKey)        public-key mode (the WeChat Pay public key)
 *   new CertificateVerifier(certificates, now)              platform-certificate mode (certificate-verifier.ts)
 *   new CombinedVerifier(publicKeyVerifier, certVerifier)   the switch-over: both at once
 *
 * `verify` resolves when the signature is good and throws SignatureRejected otherwise
 * (UNKNOWN_SERIAL, CERTIFICATE_EXPIRED, BAD_SIGNATURE). A serial no verifier knows is refused,
 * never waved through.
 */
import { type KeyObject, verify as rsaVerify } from 'node:crypto';
import { SignatureRejected } from './signature.error.js';

export interface Verifier {
  verify(serial: string, message: Buffer, signature: string): Promise<void>;
}

/** WeChat Pay public key ids look like `PUB_KEY_ID_0114232134912410000000000000`. */
export const PUBLIC_KEY_ID_PREFIX = 'PUB_KEY_ID_';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** RSA-SHA256 over the exact bytes; false for anything malformed rather than a throw. */
export function rsaSha256Verifies(key: KeyObject, message: Buffer, signature: string): boolean {
  if (!BASE64.test(signature) || signature.length % 4 !== 0) return false;
  try {
    return rsaVerify('sha256', message, key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export class PublicKeyVerifier implements Verifier {
  constructor(
    readonly keyId: string,
    private readonly key: KeyObject,
  ) {
    if (!keyId.startsWith(PUBLIC_KEY_ID_PREFIX)) throw new Error(`a WeChat Pay public key id starts with ${PUBLIC_KEY_ID_PREFIX}`);
    if (key.type !== 'public') throw new Error('the WeChat Pay public key verifier needs a public key');
  }

  async verify(serial: string, message: Buffer, signature: string): Promise<void> {
    if (serial !== this.keyId) throw new SignatureRejected('UNKNOWN_SERIAL', `Wechatpay-Serial "${clip(serial)}" is not our public key ${this.keyId}`);
    if (!rsaSha256Verifies(this.key, message, signature)) {
      throw new SignatureRejected('BAD_SIGNATURE', `the signature does not verify with public key ${this.keyId}`);
    }
  }
}

/**
 * During WeChat's switch-over a merchant receives messages signed both ways; each message names
 * its key in Wechatpay-Serial, so the choice is made per message, never by a global switch.
 */
export class CombinedVerifier implements Verifier {
  constructor(
    private readonly publicKey: PublicKeyVerifier,
    private readonly certificates: Verifier,
  ) {}

  verify(serial: string, message: Buffer, signature: string): Promise<void> {
    return serial === this.publicKey.keyId || serial.startsWith(PUBLIC_KEY_ID_PREFIX)
      ? this.publicKey.verify(serial, message, signature)
      : this.certificates.verify(serial, message, signature);
  }
}

/** Serials come from the network: keep what ends up in a message short. */
export function clip(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}
