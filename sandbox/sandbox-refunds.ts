import { chinaTime, formatChinaTime } from '../src/adapters/system/china-time.js';
import { encryptReqInfo } from '../src/adapters/wechat/refund-req-info.js';
import { canonicalString } from '../src/adapters/wechat/sign.js';
import { type XmlFields, buildXmlMessage } from '../src/adapters/wechat/xml.js';
import type { Notifier } from './notifier.js';
import { SandboxControlError, type SandboxMerchant } from './sandbox-merchant.js';
import type { SandboxOrder, SandboxOrders } from './sandbox-orders.js';
import type { SeededRandom } from './seeded-random.js';

export type SandboxRefundStatus = 'PROCESSING' | 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE';

export interface SandboxRefund {
  readonly outRefundNo: string;
  readonly refundId: string;
  readonly outTradeNo: string;
  readonly transactionId: string;
  readonly totalFee: string;
  readonly refundFee: string;
  readonly notifyUrl: string | null;
  readonly fingerprint: string;
  status: SandboxRefundStatus;
  successTime: string | null;
}

type Answer = Record<string, string>;

export interface SandboxRefundOptions {
  /** WeChat seconds (scaled by timeScale) until a refund succeeds on its own; null: only the control API ends it. */
  readonly settleAfterSeconds: number | null;
  readonly timeScale: number;
  readonly notifyUrlAllowed: (url: string) => boolean;
}

/** `/secapi/pay/refund`, `/pay/refundquery` and the encrypted refund notifications. */
export class SandboxRefunds {
  private readonly refunds = new Map<string, SandboxRefund>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly merchant: SandboxMerchant,
    private readonly orders: SandboxOrders,
    private readonly notifier: Notifier,
    private readonly random: SeededRandom,
    private readonly now: () => Date,
    private readonly options: SandboxRefundOptions,
  ) {}

  refund(fields: XmlFields): Answer {
    for (const name of ['out_refund_no', 'total_fee', 'refund_fee']) {
      if (!fields[name]) return { return_code: 'FAIL', return_msg: `缺少参数${name}` };
    }
    if (!fields.transaction_id && !fields.out_trade_no) return { return_code: 'FAIL', return_msg: '缺少参数transaction_id' };
    const [outRefundNo, totalFee, refundFee] = [fields.out_refund_no, fields.total_fee, fields.refund_fee].map((v) => v ?? '') as [string, string, string];
    if (!/^[1-9][0-9]{0,9}$/.test(totalFee) || !/^[1-9][0-9]{0,9}$/.test(refundFee)) {
      return resultFail('PARAM_ERROR', 'total_fee 和 refund_fee 必须是正整数（单位：分）');
    }
    if (fields.notify_url && !this.options.notifyUrlAllowed(fields.notify_url)) {
      return resultFail('PARAM_ERROR', 'notify_url 不可用：沙箱只通知本机地址');
    }
    const order = this.orders.findBy({ outTradeNo: fields.out_trade_no, transactionId: fields.transaction_id });
    if (!order) return resultFail('ORDERNOTEXIST', '订单不存在');
    if (order.state !== 'SUCCESS' || !order.transactionId) return resultFail('TRADE_STATE_ERROR', '订单状态错误：未支付');
    if (totalFee !== order.totalFee) return resultFail('PARAM_ERROR', '订单金额与支付金额不一致');

    const fingerprint = canonicalString({ transaction_id: order.transactionId, total_fee: totalFee, refund_fee: refundFee });
    const existing = this.refunds.get(outRefundNo);
    if (existing) {
      if (existing.fingerprint !== fingerprint) return resultFail('PARAM_ERROR', '同一笔退款单号的退款金额与之前请求不一致');
      return this.accepted(existing, order);
    }
    const refunded = [...this.refunds.values()]
      .filter((refund) => refund.transactionId === order.transactionId && refund.status !== 'CHANGE' && refund.status !== 'REFUNDCLOSE')
      .reduce((total, refund) => total + Number(refund.refundFee), 0);
    if (refunded + Number(refundFee) > Number(order.totalFee)) return resultFail('ERROR', '累计退款金额大于支付金额');

    const refund: SandboxRefund = {
      outRefundNo,
      refundId: `5030${formatChinaTime(this.now()).slice(0, 8)}${this.random.digits(17)}`,
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId,
      totalFee,
      refundFee,
      notifyUrl: fields.notify_url || null,
      fingerprint,
      status: 'PROCESSING',
      successTime: null,
    };
    this.refunds.set(outRefundNo, refund);
    if (this.options.settleAfterSeconds !== null) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (refund.status === 'PROCESSING') this.settle(outRefundNo, 'SUCCESS');
      }, this.options.settleAfterSeconds * 1000 * this.options.timeScale);
      this.timers.add(timer);
    }
    return this.accepted(refund, order);
  }

  query(fields: XmlFields): Answer {
    const matches = [...this.refunds.values()].filter(
      (refund) =>
        (fields.out_refund_no !== undefined && refund.outRefundNo === fields.out_refund_no) ||
        (fields.refund_id !== undefined && refund.refundId === fields.refund_id) ||
        (fields.out_trade_no !== undefined && refund.outTradeNo === fields.out_trade_no) ||
        (fields.transaction_id !== undefined && refund.transactionId === fields.transaction_id),
    );
    const first = matches[0];
    if (!first) return resultFail('REFUNDNOTEXIST', '退款订单查询失败');
    const answer: Answer = {
      transaction_id: first.transactionId,
      out_trade_no: first.outTradeNo,
      total_fee: first.totalFee,
      cash_fee: first.totalFee,
      refund_count: String(matches.length),
    };
    matches.forEach((refund, n) => {
      answer[`out_refund_no_${n}`] = refund.outRefundNo;
      answer[`refund_id_${n}`] = refund.refundId;
      answer[`refund_fee_${n}`] = refund.refundFee;
      answer[`refund_status_${n}`] = refund.status;
      answer[`refund_recv_accout_${n}`] = '支付用户的零钱';
      if (refund.successTime) answer[`refund_success_time_${n}`] = refund.successTime;
    });
    return answer;
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
        kind: 'REFUND',
        outTradeNo: refund.outTradeNo,
        transactionId: refund.transactionId,
        notifyUrl: refund.notifyUrl,
        body: this.notificationXml(refund),
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

  private accepted(refund: SandboxRefund, order: SandboxOrder): Answer {
    return {
      transaction_id: refund.transactionId,
      out_trade_no: order.outTradeNo,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_fee: refund.refundFee,
      total_fee: refund.totalFee,
      cash_fee: order.totalFee,
    };
  }

  private notificationXml(refund: SandboxRefund): string {
    const inner = buildXmlMessage(
      {
        transaction_id: refund.transactionId,
        out_trade_no: refund.outTradeNo,
        refund_id: refund.refundId,
        out_refund_no: refund.outRefundNo,
        total_fee: refund.totalFee,
        refund_fee: refund.refundFee,
        settlement_refund_fee: refund.refundFee,
        refund_status: refund.status,
        success_time: refund.successTime,
        refund_recv_accout: '支付用户的零钱',
        refund_account: 'REFUND_SOURCE_UNSETTLED_FUNDS',
        refund_request_source: 'API',
      },
      'root',
    );
    // Refund notifications carry no sign: req_info encrypted with md5(key) is the proof.
    return buildXmlMessage({
      return_code: 'SUCCESS',
      appid: this.merchant.appId,
      mch_id: this.merchant.mchId,
      nonce_str: this.random.alphanumeric(32),
      req_info: encryptReqInfo(inner, this.merchant.payKey),
    });
  }
}

function resultFail(errCode: string, description: string): Answer {
  return { result_code: 'FAIL', err_code: errCode, err_code_des: description };
}
