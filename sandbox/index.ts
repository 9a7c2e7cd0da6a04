export { createSandbox, type ListeningSandbox, type Sandbox, type SandboxOptions } from './sandbox.js';
export {
  SANDBOX_CREDENTIALS,
  SANDBOX_DEFAULT_PORT,
  SANDBOX_MERCHANT_V3,
  SANDBOX_V3_MODES,
  type SandboxMerchantV3,
  type SandboxPlatformCertificateFiles,
  type SandboxV3Mode,
  sandboxPortFrom,
  shopEnvFor,
  shopEnvV3,
} from './sandbox.config.js';
export type { SandboxMerchant } from './sandbox-merchant.js';
export { WECHAT_NOTIFY_RETRY_SECONDS, type Delivery, type DeliveryAttempt, type SignWith } from './notifier.js';
export type { PaymentOutcome, OrderRef, PayOptions, NotifyOptions } from './sandbox-payments.js';
export type { SandboxOrder, SandboxRefund, SandboxRefundStatus, PayProtocol } from './sandbox-orders.js';
export type { FailOptions, StallOptions } from './sandbox-faults.js';
export { SANDBOX_V3_PATHS, type SandboxV3Path } from './v3/v3-routes.js';
export type { V3State } from './v3/v3-control.js';
export { SANDBOX_PUSH, type SandboxPush } from './mini-program/mp-push.js';
export { SANDBOX_CARRIERS, type SandboxShipment } from './mini-program/mp-shipping.js';
export type { SandboxMessage } from './mini-program/mp-messages.js';
export type { TokenCounts } from './mini-program/mp-tokens.js';
