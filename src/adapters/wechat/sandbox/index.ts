export { createSandbox, type ListeningSandbox, type Sandbox, type SandboxOptions } from './sandbox.js';
export { startConfiguredSandbox } from './start-configured-sandbox.js';
export { SANDBOX_CREDENTIALS, SANDBOX_DEFAULT_BASE, SANDBOX_DEFAULT_PORT } from './sandbox.defaults.js';
export { WECHAT_NOTIFY_RETRY_SECONDS, type Delivery, type DeliveryAttempt } from './notifier.js';
export type { PaymentOutcome, OrderRef, PayOptions } from './sandbox-payments.js';
export type { SandboxRefund, SandboxRefundStatus } from './sandbox-refunds.js';
export type { StallOptions } from './sandbox-faults.js';
