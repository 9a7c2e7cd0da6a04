import type { PayProtocol, SandboxOrder, SandboxRefund } from './sandbox-orders.js';

/** The notification bodies of one protocol; the protocol of the order (or refund) picks the set. */
export interface NotificationMessages {
  /** null: this protocol sends nothing for the order's state (v3 notifies successful payments only). */
  payment(order: SandboxOrder): string | null;
  refund(refund: SandboxRefund): string;
  /** v3 only: the body of a `WECHATPAY/SIGNTEST/` probe claiming the order paid. */
  probe?(order: SandboxOrder): string;
}

export type MessagesByProtocol = Readonly<Record<PayProtocol, NotificationMessages>>;
