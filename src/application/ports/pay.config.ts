/**
 * When stock moves. `on_payment` (the classic flow): checked when the order is placed, deducted
 * when the payment notification arrives. `on_order`: deducted when the order is placed and
 * released exactly once if it closes unpaid, so a paid order always has its goods.
 */
export type StockPolicy = 'on_payment' | 'on_order';

/** Settings the order and payment use cases need, bound by the composition root from configuration. */
export interface PayConfig {
  /** How long an unpaid order may be paid, in seconds; prepay `time_expire` follows it. */
  readonly orderPayTimeoutSeconds: number;
  readonly stockPolicy: StockPolicy;
  /** How old a payment attempt without a notification must be before WeChat is asked about it. */
  readonly notificationGraceSeconds: number;
  /**
   * How long a hold outlives the order's pay deadline (the prepay's time_expire): a buyer who paid
   * just in time keeps the units while WeChat's notification is retried or the clocks disagree.
   */
  readonly stockHoldGraceSeconds: number;
  /**
   * How long a lifecycle job's worker holds one item it claimed (an order it settles, a refund it
   * syncs) before another may take it; also the pause before the next look at that item.
   */
  readonly jobItemLeaseSeconds: number;
}

export const PayConfig = Symbol('PayConfig');
