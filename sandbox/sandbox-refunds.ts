import { chinaTime, formatChinaTime } from '../src/adapters/system/china-time.js';
import { canonicalString } from '../src/adapters/wechat/sign.js';
import type { MessagesByProtocol } from './notification-messages.js';
import type { Notifier } from './notifier.js';
import { SandboxControlError } from './sandbox-merchant.js';
import type { PayProtocol, SandboxOrder, SandboxOrders, SandboxRefund, SandboxRefundStatus } from './sandbox-orders.js';
import type { SeededRandom } from './seeded-random.js';

export type { SandboxRefund, SandboxRefundStatus } from './sandbox-orders.js';

export interface SandboxRefundOptions {
  /** WeChat seconds (scaled by timeScale) until a refund succeeds on its own; null: only the control API ends it. */
  readonly settleAfterSeconds: number | null;
  readonly timeScale: number;
}

/** A refund request as either protocol states it, amounts already checked to be positive integers of fen. */
export interface RefundInput {
  readonly protocol: PayProtocol;
  readonly outRefundNo: string;
  readonly outTradeNo?: string | undefined;
  readonly transactionId?: string | undefined;
  readonly totalFee: string;
  readonly refundFee: string;
  readonly notifyUrl: string | null;
}

/** Why WeChat turns a refund down; each protocol words it its own way. */
export type RefundRefusal = 'ORDER_NOT_FOUND' | 'NOT_PAID' | 'TOTAL_MISMATCH' | 'AMOUNT_CHANGED' | 'EXCEEDS_PAID';

export type OpenedRefund = { readonly refund: SandboxRefund; readonly order: SandboxOrder } | { readonly refused: RefundRefusal };

/** The refunds of both protocols in one book; settling one sends its notification in its own protocol. */
export class SandboxRefunds {
  private readonly refunds = new Map<string, SandboxRefund>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly orders: SandboxOrders,
    private readonly notifier: Notifier,
    private readonly messages: MessagesByProtocol,
    private readonly random: SeededRandom,
    private readonly now: () => Date,
    private readonly options: SandboxRefundOptions,
  ) {}

  /** A new refund, the same one again for a repeated out_refund_no with the same amounts, or a refusal. */
  open(input: RefundInput): OpenedRefund {
    const order = this.orders.findBy({ outTradeNo: input.outTradeNo, transactionId: input.transactionId });
    if (!order) return { refused: 'ORDER_NOT_FOUND' };
    if (order.state !== 'SUCCESS' || !order.transactionId) return { refused: 'NOT_PAID' };
    if (input.totalFee !== order.totalFee) return { refused: 'TOTAL_MISMATCH' };

    const fingerprint = canonicalString({ transaction_id: order.transactionId, total_fee: input.totalFee, refund_fee: input.refundFee });
    const existing = this.refunds.get(input.outRefundNo);
    if (existing) return existing.fingerprint === fingerprint ? { refund: existing, order } : { refused: 'AMOUNT_CHANGED' };
    const refunded = [...this.refunds.values()]
      .filter((refund) => refund.transactionId === order.transactionId && refund.status !== 'CHANGE' && refund.status !== 'REFUNDCLOSE')
      .reduce((total, refund) => total + Number(refund.refundFee), 0);
    if (refunded + Number(input.refundFee) > Number(order.totalFee)) return { refused: 'EXCEEDS_PAID' };

    const refund: SandboxRefund = {
      protocol: input.protocol,
      outRefundNo: input.outRefundNo,
      refundId: `5030${formatChinaTime(this.now()).slice(0, 8)}${this.random.digits(17)}`,
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId,
      totalFee: input.totalFee,
      refundFee: input.refundFee,
      notifyUrl: input.notifyUrl,
      fingerprint,
      createdAt: chinaTime(this.now()),
      status: 'PROCESSING',
      successTime: null,
    };
    this.refunds.set(input.outRefundNo, refund);
    if (this.options.settleAfterSeconds !== null) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (refund.status === 'PROCESSING') this.settle(refund.outRefundNo, 'SUCCESS');
      }, this.options.settleAfterSeconds * 1000 * this.options.timeScale);
      this.timers.add(timer);
    }
    return { refund, order };
  }

  find(outRefundNo: string): SandboxRefund | undefined {
    return this.refunds.get(outRefundNo);
  }

  /** Every refund matching any of the given references. */
  matching(ref: { outRefundNo?: string | undefined; refundId?: string | undefined; outTradeNo?: string | undefined; transactionId?: string | undefined }): SandboxRefund[] {
    return this.list().filter(
      (refund) =>
        (ref.outRefundNo !== undefined && refund.outRefundNo === ref.outRefundNo) ||
        (ref.refundId !== undefined && refund.refundId === ref.refundId) ||
        (ref.outTradeNo !== undefined && refund.outTradeNo === ref.outTradeNo) ||
        (ref.transactionId !== undefined && refund.transactionId === ref.transactionId),
    );
  }

  /** Ends a PROCESSING refund as WeChat would, and sends its notification when it has a notify_url. */
  settle(outRefundNo: string, status: Exclude<SandboxRefundStatus, 'PROCESSING'> = 'SUCCESS'): SandboxRefund {
    const refund = this.refunds.get(outRefundNo);
    if (!refund) throw new SandboxControlError(404, 'REFUNDNOTEXIST', `no refund ${outRefundNo}`);
    if (refund.status !== 'PROCESSING') throw new SandboxControlError(409, 'REFUND_ENDED', `${outRefundNo} is already ${refund.status}`);
    refund.status = status;
    if (status === 'SUCCESS') refund.successTime = chinaTime(this.now());
    if (refund.notifyUrl) {
      this.notifier.send({
        protocol: refund.protocol,
        kind: 'REFUND',
        outTradeNo: refund.outTradeNo,
        transactionId: refund.transactionId,
        notifyUrl: refund.notifyUrl,
        body: this.messages[refund.protocol].refund(refund),
        signWith: null,
      });
    }
    return refund;
  }

  list(): SandboxRefund[] {
    return [...this.refunds.values()];
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
