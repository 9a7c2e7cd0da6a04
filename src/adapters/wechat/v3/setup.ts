/**
 * Builds the v3 parts from settings, for the composition root: one call, the key mode chosen by
 * what is configured.
 *
 *   const v3 = createWeChatPayV3({
 *     appId, mchId, payApiBase, notifyUrl, refundNotifyUrl,
 *     mchSerial: env.WECHAT_PAY_MCH_SERIAL,
 *     privateKey: loadPrivateKey(env.WECHAT_PAY_PRIVATE_KEY, 'WECHAT_PAY_PRIVATE_KEY'),
 *     apiV3Key: env.WECHAT_PAY_API_V3_KEY,
 *     publicKey: { id: env.WECHAT_PAY_PUBLIC_KEY_ID, key: loadPublicKey(env.WECHAT_PAY_PUBLIC_KEY, 'WECHAT_PAY_PUBLIC_KEY') },
 *     platformCertificates: false,
 *   }, { certificateStore });
 *   await v3.certificates?.start();   // platform-certificate mode: first download, then hourly checks
 *   bind PaymentGateway and RefundGateway to v3.client; notify routes use v3.paymentNotifications / v3.refundNotifications
 *
 * Public key only: public-key mode. platformCertificates only: certificate mode. Both: WeChat's
 * switch-over, each message verified with the key its serial names.
 */
import type { KeyObject } from 'node:crypto';
import { CertificateManager } from './certificate-manager.js';
import type { CertificateStore } from './certificate-store.js';
import { CertificateVerifier } from './certificate-verifier.js';
import { aesKey } from './aead.js';
import { v3PaymentNotificationCodec } from './payment-notification.v3.js';
import { v3RefundNotificationCodec } from './refund-notification.v3.js';
import { RequestSigner } from './signer.js';
import { HttpTransport } from './transport.js';
import { WechatPayValidator } from './validator.js';
import { CombinedVerifier, PublicKeyVerifier, type Verifier } from './verifier.js';
import { WeChatPayV3Client } from './wechat-pay-v3.client.js';

export interface WeChatPayV3Settings {
  readonly appId: string;
  readonly mchId: string;
  /** Serial of the merchant API certificate (WECHAT_PAY_MCH_SERIAL). */
  readonly mchSerial: string;
  readonly privateKey: KeyObject;
  readonly apiV3Key: string;
  /** The WeChat Pay public key and its `PUB_KEY_ID_…` id; null or absent without public-key mode. */
  readonly publicKey?: { readonly id: string; readonly key: KeyObject } | null;
  /** Download and trust platform certificates (`/v3/certificates`). */
  readonly platformCertificates?: boolean;
  readonly payApiBase: string;
  readonly notifyUrl: string;
  readonly refundNotifyUrl?: string | null;
}

export interface WeChatPayV3Options {
  readonly now?: () => Date;
  readonly nonce?: () => string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly backoffMs?: number;
  /** Shared by every instance in production (Redis or database); memory by default. */
  readonly certificateStore?: CertificateStore;
  readonly onCertificateError?: (error: unknown) => void;
}

export function createWeChatPayV3(settings: WeChatPayV3Settings, options: WeChatPayV3Options = {}) {
  aesKey(settings.apiV3Key); // fails at start-up, not at the first notification
  const now = options.now ?? (() => new Date());
  const signer = new RequestSigner(
    { mchId: settings.mchId, serialNo: settings.mchSerial, privateKey: settings.privateKey },
    { now, ...(options.nonce ? { nonce: options.nonce } : {}) },
  );
  const transport = new HttpTransport({
    baseUrl: settings.payApiBase,
    signer,
    // In public-key mode (and during the switch-over) this asks WeChat to sign with the public key.
    ...(settings.publicKey ? { wechatpaySerial: settings.publicKey.id } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const certificates = settings.platformCertificates
    ? new CertificateManager({
        transport,
        apiV3Key: settings.apiV3Key,
        now,
        ...(options.certificateStore ? { store: options.certificateStore } : {}),
        ...(options.onCertificateError ? { onError: options.onCertificateError } : {}),
      })
    : null;
  const publicKey = settings.publicKey ? new PublicKeyVerifier(settings.publicKey.id, settings.publicKey.key) : null;
  const certificateVerifier = certificates ? new CertificateVerifier(certificates, now) : null;
  const verifier: Verifier | null = publicKey && certificateVerifier ? new CombinedVerifier(publicKey, certificateVerifier) : (publicKey ?? certificateVerifier);
  if (!verifier) throw new Error('WeChat Pay v3 needs WECHAT_PAY_PUBLIC_KEY and WECHAT_PAY_PUBLIC_KEY_ID, or platform certificates');
  const validator = new WechatPayValidator(verifier, { now });
  const client = new WeChatPayV3Client(
    { appId: settings.appId, mchId: settings.mchId, notifyUrl: settings.notifyUrl, refundNotifyUrl: settings.refundNotifyUrl ?? null },
    { transport, validator, signer },
    { now, ...pick(options, 'nonce', 'maxRetries', 'backoffMs') },
  );
  const keys = { validator, apiV3Key: settings.apiV3Key };
  return {
    client,
    signer,
    transport,
    validator,
    certificates,
    paymentNotifications: v3PaymentNotificationCodec({ ...keys, appId: settings.appId, mchId: settings.mchId }),
    refundNotifications: v3RefundNotificationCodec({ ...keys, mchId: settings.mchId }),
  };
}

export type WeChatPayV3 = ReturnType<typeof createWeChatPayV3>;

function pick<T extends object, K extends keyof T>(source: T, ...keys: K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}
