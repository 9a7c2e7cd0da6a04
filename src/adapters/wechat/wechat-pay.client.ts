import {
  type PaymentGateway,
  PaymentGatewayError,
  type PaymentParams,
  type PrepayRequest,
  type RefundGateway,
  type RefundQuery,
  type RefundRequest,
  type RefundState,
  type TradeQuery,
  type TradeState,
} from '../../application/index.js';
import { formatChinaTime, parseChinaTime } from '../system/china-time.js';
import { payerIp } from './payer-ip.js';
import { randomNonce } from './nonce.js';
import { sign } from './sign.js';
import { V2ApiCaller, type WeChatPayClientConfig, type WeChatPayClientOptions } from './v2-api-caller.js';
import { truncateUtf8 } from './truncate-utf8.js';
import type { XmlFields } from './xml.js';

export type { WeChatPayClientConfig, WeChatPayClientOptions };

const RESULT_REASONS = ['ORDERPAID', 'ORDERCLOSED', 'OUT_TRADE_NO_USED', 'SYSTEMERROR'] as const;
const TRADE_STATES: readonly TradeState[] = ['SUCCESS', 'NOTPAY', 'CLOSED', 'REFUND', 'USERPAYING', 'PAYERROR', 'REVOKED'];
/** WeChat cuts `body` at 128 bytes and refuses longer ones. */
const MAX_BODY_BYTES = 128;
const MAX_REFUND_DESC_BYTES = 80;
const REFUND_STATES: readonly RefundState[] = ['SUCCESS', 'PROCESSING', 'CHANGE', 'REFUNDCLOSE'];
/** Refund refusals that end nothing: the same out_refund_no is sent again later. */
const REFUND_TRY_LATER = ['SYSTEMERROR', 'BIZERR_NEED_RETRY', 'FREQUENCY_LIMITED', 'NOTENOUGH'];

/** WeChat Pay API v2 (JSAPI, for mini-programs) over HTTPS with XML bodies. */
export class WeChatPayClient implements PaymentGateway, RefundGateway {
  private readonly caller: V2ApiCaller;
  private readonly now: () => Date;
  private readonly nonce: () => string;

  constructor(private readonly config: WeChatPayClientConfig, options: WeChatPayClientOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.nonce = options.nonce ?? randomNonce;
    this.caller = new V2ApiCaller(config, { ...options, nonce: this.nonce });
  }

  /**
   * Retrying is safe: the same out_trade_no with the same parameters gets the same prepay id.
   * Every parameter here comes from the request, so a retry sends exactly the same order.
   */
  async prepay(request: PrepayRequest): Promise<string> {
    if (!Number.isSafeInteger(request.totalFee) || request.totalFee <= 0) {
      throw new PaymentGatewayError('REJECTED', `total_fee must be a positive integer of fen, not ${request.totalFee}`);
    }
    const answer = await this.caller.call('/pay/unifiedorder', {
      body: truncateUtf8(request.body, MAX_BODY_BYTES),
      out_trade_no: request.outTradeNo,
      total_fee: String(request.totalFee),
      spbill_create_ip: payerIp(request.clientIp),
      time_expire: formatChinaTime(request.timeExpire),
      notify_url: this.config.notifyUrl,
      trade_type: 'JSAPI',
      openid: request.openid,
    });
    throwResultFailure(answer);
    if (!answer.prepay_id) throw new PaymentGatewayError('INVALID_RESPONSE', 'unifiedorder answered no prepay_id');
    return answer.prepay_id;
  }

  paymentParams(prepayId: string): PaymentParams {
    const unsigned = {
      timeStamp: String(Math.floor(this.now().getTime() / 1000)),
      nonceStr: this.nonce(),
      package: `prepay_id=${prepayId}`,
      signType: this.config.signType,
    };
    // appId is signed but not returned: the mini-program knows its own.
    const paySign = sign({ appId: this.config.appId, ...unsigned }, this.config.payKey, this.config.signType);
    return { ...unsigned, paySign };
  }

  async queryTrade(outTradeNo: string): Promise<TradeQuery> {
    const answer = await this.caller.call('/pay/orderquery', { out_trade_no: outTradeNo });
    if (answer.result_code === 'FAIL' && answer.err_code === 'ORDERNOTEXIST') return { state: 'NOT_FOUND', outTradeNo };
    throwResultFailure(answer);
    const state = TRADE_STATES.find((candidate) => candidate === answer.trade_state);
    if (!state) throw new PaymentGatewayError('INVALID_RESPONSE', `orderquery answered trade_state "${answer.trade_state}"`);
    const totalFee = answer.total_fee === undefined ? undefined : fenOf(answer.total_fee);
    const paidAt = answer.time_end ? parseChinaTime(answer.time_end) : null;
    return {
      state,
      outTradeNo,
      ...(answer.transaction_id ? { transactionId: answer.transaction_id } : {}),
      ...(totalFee !== undefined ? { totalFee } : {}),
      ...(paidAt ? { paidAt } : {}),
    };
  }

  /** A trade already closed answers ORDERCLOSED, a paid one ORDERPAID, both as PaymentGatewayError. */
  async closeTrade(outTradeNo: string): Promise<void> {
    throwResultFailure(await this.caller.call('/pay/closeorder', { out_trade_no: outTradeNo }));
  }

  /** Retrying is safe: WeChat refunds one out_refund_no once, whatever number of times it is sent. */
  async refund(request: RefundRequest): Promise<string> {
    const { totalFee, refundFee } = request;
    if (!Number.isSafeInteger(totalFee) || !Number.isSafeInteger(refundFee) || refundFee <= 0 || refundFee > totalFee) {
      throw new PaymentGatewayError('REJECTED', `refund_fee ${refundFee} must be a positive integer of fen up to total_fee ${totalFee}`);
    }
    const answer = await this.caller.call('/secapi/pay/refund', {
      transaction_id: request.transactionId,
      out_refund_no: request.outRefundNo,
      total_fee: String(totalFee),
      refund_fee: String(refundFee),
      ...(request.reason ? { refund_desc: truncateUtf8(request.reason, MAX_REFUND_DESC_BYTES) } : {}),
      ...(this.config.refundNotifyUrl ? { notify_url: this.config.refundNotifyUrl } : {}),
    });
    throwRefundFailure(answer);
    if (!answer.refund_id) throw new PaymentGatewayError('INVALID_RESPONSE', 'refund answered no refund_id');
    return answer.refund_id;
  }

  async queryRefund(outRefundNo: string): Promise<RefundQuery> {
    const answer = await this.caller.call('/pay/refundquery', { out_refund_no: outRefundNo });
    if (answer.result_code === 'FAIL' && answer.err_code === 'REFUNDNOTEXIST') return { state: 'NOT_FOUND' };
    throwRefundFailure(answer);
    // refundquery lists every refund of the payment as out_refund_no_$n, refund_status_$n, …
    const count = Number(answer.refund_count ?? '0');
    for (let n = 0; n < count && n < 100; n++) {
      if (answer[`out_refund_no_${n}`] !== outRefundNo) continue;
      const state = REFUND_STATES.find((candidate) => candidate === answer[`refund_status_${n}`]);
      if (!state) throw new PaymentGatewayError('INVALID_RESPONSE', `refundquery answered refund_status "${answer[`refund_status_${n}`]}"`);
      const refundId = answer[`refund_id_${n}`];
      return { state, ...(refundId ? { refundId } : {}) };
    }
    return { state: 'NOT_FOUND' };
  }
}

function throwRefundFailure(answer: XmlFields): void {
  if (answer.result_code !== 'SUCCESS' && REFUND_TRY_LATER.includes(answer.err_code ?? '')) {
    throw new PaymentGatewayError('SYSTEMERROR', `${answer.err_code}: ${answer.err_code_des ?? 'try again later'}`);
  }
  throwResultFailure(answer);
}

function throwResultFailure(answer: XmlFields): void {
  if (answer.result_code === 'SUCCESS') return;
  const errCode = answer.err_code ?? 'UNKNOWN';
  // WeChat often reports a reused out_trade_no as INVALID_REQUEST "201 商户订单号重复".
  const reused = errCode === 'INVALID_REQUEST' && /^201\b|商户订单号重复/.test(answer.err_code_des ?? '');
  const reason = reused ? 'OUT_TRADE_NO_USED' : (RESULT_REASONS.find((known) => known === errCode) ?? 'REJECTED');
  throw new PaymentGatewayError(reason, `${errCode}: ${answer.err_code_des ?? 'refused by WeChat Pay'}`);
}

function fenOf(text: string): number {
  const value = Number(text);
  if (!/^(0|[1-9][0-9]*)$/.test(text) || !Number.isSafeInteger(value)) {
    throw new PaymentGatewayError('INVALID_RESPONSE', `total_fee "${text}" is not an integer of fen`);
  }
  return value;
}
