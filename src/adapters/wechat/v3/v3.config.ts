/**
 * The merchant's WeChat Pay API v3 settings, read with the rest of WeChat's (wechat.config.ts):
 *
 *   WECHAT_PAY_MCH_SERIAL        serial number of the merchant API certificate (apiclient_cert.pem)
 *   WECHAT_PAY_PRIVATE_KEY       its private key, apiclient_key.pem: PEM text or a file path
 *   WECHAT_PAY_API_V3_KEY        the 32-character APIv3 key set on the merchant platform
 *   WECHAT_PAY_PUBLIC_KEY        public-key mode: WeChat Pay's public key, pub_key.pem (PEM text or a path)
 *   WECHAT_PAY_PUBLIC_KEY_ID     and its id, PUB_KEY_ID_…
 *   WECHAT_PAY_PLATFORM_CERTIFICATES  true: download and trust platform certificates (/v3/certificates);
 *                                default true without a public key, false with one; true with one is
 *                                WeChat's switch-over, where each message is checked by its own serial
 *
 * Required when WECHAT_PAY_API_VERSION is v3. Under v2 they are optional, but once any is set they
 * must all be right: a v2 shop with v3 keys also takes v3 notifications (a rolling move to v3).
 * Errors are ConfigErrors naming the variable and never quote key material.
 */
import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import { ConfigError } from '../../../config-error.js';
import { loadPrivateKey, loadPublicKey } from './key-material.js';
import { PUBLIC_KEY_ID_PREFIX } from './verifier.js';

export interface WeChatPayV3Config {
  /** Serial of the merchant API certificate, sent in every Authorization. */
  readonly mchSerial: string;
  readonly privateKey: KeyObject;
  readonly apiV3Key: string;
  /** Public-key mode: WeChat Pay's public key and its `PUB_KEY_ID_…`; null without. */
  readonly publicKey: { readonly id: string; readonly key: KeyObject } | null;
  /** Platform-certificate mode: certificates downloaded from `/v3/certificates`. */
  readonly platformCertificates: boolean;
}

export const V3_VARIABLES = [
  'WECHAT_PAY_MCH_SERIAL',
  'WECHAT_PAY_PRIVATE_KEY',
  'WECHAT_PAY_API_V3_KEY',
  'WECHAT_PAY_PUBLIC_KEY',
  'WECHAT_PAY_PUBLIC_KEY_ID',
  'WECHAT_PAY_PLATFORM_CERTIFICATES',
] as const;

const REQUIRED = ['WECHAT_PAY_MCH_SERIAL', 'WECHAT_PAY_PRIVATE_KEY', 'WECHAT_PAY_API_V3_KEY'] as const;
/** Certificate serials are hex; WeChat's are 40 digits. */
const SERIAL = /^[0-9A-Fa-f]{8,64}$/;
const PUBLIC_KEY_ID = new RegExp(`^${PUBLIC_KEY_ID_PREFIX}[0-9A-Za-z_]{1,64}$`);

/** `read` gives a variable's trimmed value, or undefined when unset or empty. */
export function loadWeChatPayV3Config(read: (name: string) => string | undefined, required: boolean): WeChatPayV3Config | null {
  if (!required && V3_VARIABLES.every((name) => read(name) === undefined)) return null;
  const missing = REQUIRED.filter((name) => read(name) === undefined);
  if (missing.length > 0) {
    const why = required ? 'WECHAT_PAY_API_VERSION is v3' : 'other WECHAT_PAY_* v3 settings are set';
    throw new ConfigError(missing.join(', '), `${missing.length > 1 ? 'are' : 'is'} not set (${why}): WeChat Pay API v3 needs the merchant API certificate's serial and private key and the APIv3 key`);
  }
  const value = (name: (typeof REQUIRED)[number]) => read(name) ?? '';

  const mchSerial = value('WECHAT_PAY_MCH_SERIAL');
  if (!SERIAL.test(mchSerial)) throw new ConfigError('WECHAT_PAY_MCH_SERIAL', 'must be the hexadecimal serial number of the merchant API certificate (apiclient_cert.pem)');
  const apiV3Key = value('WECHAT_PAY_API_V3_KEY');
  const keyBytes = Buffer.byteLength(apiV3Key, 'utf8');
  if (keyBytes !== 32) throw new ConfigError('WECHAT_PAY_API_V3_KEY', `must be the 32-character APIv3 key set on the merchant platform, not ${keyBytes} bytes`);
  const privateKey = keySetting('WECHAT_PAY_PRIVATE_KEY', () => loadPrivateKey(value('WECHAT_PAY_PRIVATE_KEY'), 'WECHAT_PAY_PRIVATE_KEY'));

  const publicKey = publicKeyOf(read, privateKey);
  const certificates = read('WECHAT_PAY_PLATFORM_CERTIFICATES');
  if (certificates !== undefined && certificates !== 'true' && certificates !== 'false') {
    throw new ConfigError('WECHAT_PAY_PLATFORM_CERTIFICATES', `must be true or false, not "${certificates.slice(0, 40)}"`);
  }
  const platformCertificates = certificates === undefined ? publicKey === null : certificates === 'true';
  if (!platformCertificates && publicKey === null) {
    throw new ConfigError(
      'WECHAT_PAY_PUBLIC_KEY, WECHAT_PAY_PUBLIC_KEY_ID',
      'are not set and WECHAT_PAY_PLATFORM_CERTIFICATES is false: WeChat Pay v3 needs its public key or its platform certificates to check what WeChat signs',
    );
  }
  return { mchSerial, privateKey, apiV3Key, publicKey, platformCertificates };
}

function publicKeyOf(read: (name: string) => string | undefined, privateKey: KeyObject): WeChatPayV3Config['publicKey'] {
  const pem = read('WECHAT_PAY_PUBLIC_KEY');
  const id = read('WECHAT_PAY_PUBLIC_KEY_ID');
  if (pem === undefined && id === undefined) return null;
  if (pem === undefined || id === undefined) {
    throw new ConfigError('WECHAT_PAY_PUBLIC_KEY, WECHAT_PAY_PUBLIC_KEY_ID', 'go together: set both (public-key mode) or neither');
  }
  if (!PUBLIC_KEY_ID.test(id)) throw new ConfigError('WECHAT_PAY_PUBLIC_KEY_ID', `must be the id WeChat Pay shows beside its public key (${PUBLIC_KEY_ID_PREFIX}…)`);
  const key = keySetting('WECHAT_PAY_PUBLIC_KEY', () => loadPublicKey(pem, 'WECHAT_PAY_PUBLIC_KEY'));
  // A merchant who pastes the public half of their own key would never verify an answer of WeChat's.
  const own = createPublicKey(privateKey);
  if (key.export({ type: 'spki', format: 'der' }).equals(own.export({ type: 'spki', format: 'der' }))) {
    throw new ConfigError('WECHAT_PAY_PUBLIC_KEY', "is the merchant's own public key (of WECHAT_PAY_PRIVATE_KEY), not WeChat Pay's pub_key.pem");
  }
  return { id, key };
}

/** key-material.ts names the setting first in its messages; they become ConfigErrors on that variable. */
function keySetting<T>(name: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(name, message.startsWith(`${name} `) ? message.slice(name.length + 1) : 'cannot be read as a key');
  }
}
