/** WeChat Pay API v3: the wire layer and the client. Each module's header says how to use it. */
export { SignatureRejected, type SignatureRejectionReason } from './signature.error.js';
export { loadCertificate, loadPrivateKey, loadPublicKey, readPemSetting } from './key-material.js';
export { AUTHORIZATION_SCHEMA, type MerchantCredentials, RequestSigner, type SignerOptions } from './signer.js';
export { CombinedVerifier, PUBLIC_KEY_ID_PREFIX, PublicKeyVerifier, type Verifier, rsaSha256Verifies } from './verifier.js';
export {
  CertificateVerifier,
  type PlatformCertificates,
  StaticCertificates,
  certificateSerial,
  isValidAt,
  normalizeSerial,
} from './certificate-verifier.js';
export {
  DEFAULT_WINDOW_SECONDS,
  type HeaderBag,
  SIGNTEST_PREFIX,
  type ValidatedMessage,
  WechatPayValidator,
  headerOf,
} from './validator.js';
export { AEAD_ALGORITHM, type EncryptedResource, ResourceDecryptionError, decryptResource, encryptResource } from './aead.js';
export { type CertificateSnapshot, type CertificateStore, MemoryCertificateStore, type StoredCertificate } from './certificate-store.js';
export { CERTIFICATES_PATH, CertificateDownloadError, CertificateManager, type CertificateManagerOptions } from './certificate-manager.js';
export { HttpTransport, type HttpTransportOptions, type RawAnswer, type V3Request, type V3Transport } from './transport.js';
export { ApiCaller, type ApiCallerOptions, type VerifiedAnswer } from './api-caller.js';
export { type WeChatError, paymentFailure, refundFailure } from './gateway-errors.js';
export { formatChinaRfc3339, parseRfc3339 } from './rfc3339.js';
export { WeChatPayV3Client, type WeChatPayV3ClientConfig, type WeChatPayV3ClientDeps, type WeChatPayV3ClientOptions } from './wechat-pay-v3.client.js';
export {
  MAX_NOTIFICATION_BYTES,
  type NotificationRequest,
  V3_ANSWER_CONTENT_TYPE,
  V3NotificationRejected,
  type V3NotificationRejectionReason,
  answerV3,
  openNotification,
} from './notification.js';
export { type V3PaymentNotificationConfig, decodeV3PaymentNotification, v3PaymentNotificationCodec } from './payment-notification.v3.js';
export { type V3RefundNotificationConfig, decodeV3RefundNotification, v3RefundNotificationCodec } from './refund-notification.v3.js';
export { type WeChatPayV3, type WeChatPayV3Options, type WeChatPayV3Settings, createWeChatPayV3 } from './setup.js';
export { V3_VARIABLES, type WeChatPayV3Config, loadWeChatPayV3Config } from './v3.config.js';
