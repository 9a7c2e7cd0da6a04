export { createSandbox, type ListeningSandbox, type Sandbox, type SandboxOptions } from './sandbox.js';
export { SANDBOX_CREDENTIALS, SANDBOX_DEFAULT_PORT, sandboxPortFrom, shopEnvFor } from './sandbox.config.js';
export type { SandboxMerchant } from './sandbox-merchant.js';
export { WECHAT_NOTIFY_RETRY_SECONDS, type Delivery, type DeliveryAttempt } from './notifier.js';
export type { PaymentOutcome, OrderRef, PayOptions } from './sandbox-payments.js';
export type { SandboxRefund, SandboxRefundStatus } from './sandbox-refunds.js';
export type { FailOptions, StallOptions } from './sandbox-faults.js';
