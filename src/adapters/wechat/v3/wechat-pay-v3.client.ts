/**
 * WeChat Pay API v3 behind the same ports as the v2 client (PaymentGateway, RefundGateway), with
 * the same failure reasons, so the use cases cannot tell them apart.
 *
 *   const client = new WeChatPayV3Client(
 *     { appId, mchId, notifyUrl, refundNotifyUrl },
 *     { transport, validator, signer },           // see setup.ts for building them from settings
 *     { maxRetries: 2, backoffMs: 300, now },
 *   );
 *
 * Amounts are integers of fen both ways, as v3 writes them. Every answer is verified (ApiCaller)
 * and must name our mchid/appid before it is believed.
 */
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
} from '../../../application/index.js';
import { randomNonce } from '../nonce.js';
import { payerIp } from '../payer-ip.js';
import { truncateUtf8 } from '../truncate-utf8.js';
import { ApiCaller, type ApiCallerOptions, type VerifiedAnswer } from './api-caller.js';
import { NOT_FOUND_CODES, paymentFailure, refundFailure } from './gateway-errors.js';
import { formatChinaRfc3339, parseRfc3339 } from './rfc3339.js';
import type { RequestSigner } from './signer.js';
import type { V3Transport } from './transport.js';
import type { WechatPayValidator } from './validator.js';

export interface WeChatPayV3ClientConfig {
  readonly appId: string;
  readonly mchId: string;
  readonly notifyUrl: string;
  /** null: the URL set on the merchant platform. */
  readonly refundNotifyUrl?: string | null;
}

export interface WeChatPayV3ClientDeps {
  readonly transport: V3Transport;
  readonly validator: WechatPayValidator;
  readonly signer: RequestSigner;
}

export interface WeChatPayV3ClientOptions extends ApiCallerOptions {
  readonly now?: () => Date;
  readonly nonce?: () => string;
}

/** v3's description is string(127); refund reason string(80). Counted in UTF-8 bytes to be safe. */
const MAX_DESCRIPTION_BYTES = 127;
const MAX_REASON_BYTES = 80;
const TRADE_STATES: readonly TradeState[] = ['SUCCESS', 'NOTPAY', 'CLOSED', 'REFUND', 'USERPAYING', 'PAYERROR', 'REVOKED'];
/** v3 refund statuses in the port's (v2) words. */
const REFUND_STATES = new Map<unknown, RefundState>([
  ['SUCCESS', 'SUCCESS'],
  ['PROCESSING', 'PROCESSING'],
  ['ABNORMAL', 'CHANGE'],
  ['CLOSED', 'REFUNDCLOSE'],
]);

export class WeChatPayV3Client implements PaymentGateway, RefundGateway {
  private readonly caller: ApiCaller;
  private readonly signer: RequestSigner;
  private readonly now: () => Date;
  private readonly nonce: () => string;

  constructor(
    private readonly config: WeChatPayV3ClientConfig,
    deps: WeChatPayV3ClientDeps,
    options: WeChatPayV3ClientOptions = {},
  ) {
    this.caller = new ApiCaller(deps.transport, deps.validator, options);
    this.signer = deps.signer;
    this.now = options.now ?? (() => new Date());
    this.nonce = options.nonce ?? randomNonce;
  }

  /** Retrying is safe: the same out_trade_no with the same parameters gets the same prepay id. */
  async prepay(request: PrepayRequest): Promise<string> {
    if (!Number.isSafeInteger(request.totalFee) || request.totalFee <= 0) {
      throw new PaymentGatewayError('REJECTED', `amount.total must be a positive integer of fen, not ${request.totalFee}`);
    }
    const answer = await this.post('/v3/pay/transactions/jsapi', {
      appid: this.config.appId,
      mchid: this.config.mchId,
      description: truncateUtf8(request.body, MAX_DESCRIPTION_BYTES),
      out_trade_no: request.outTradeNo,
      time_expire: formatChinaRfc3339(request.timeExpire),
      notify_url: this.config.notifyUrl,
      amount: { total: request.totalFee, currency: 'CNY' },
      payer: { openid: request.openid },
      scene_info: { payer_client_ip: payerIp(request.clientIp) },
    });
    if (answer.error) throw paymentFailure('jsapi', answer.error);
    const prepayId = answer.json?.prepay_id;
    if (typeof prepayId !== 'string' || prepayId === '') throw new PaymentGatewayError('INVALID_RESPONSE', 'jsapi answered no prepay_id');
    return prepayId;
  }

  paymentParams(prepayId: string): PaymentParams {
    const timeStamp = String(Math.floor(this.now().getTime() / 1000));
    const nonceStr = this.nonce();
    const pkg = `prepay_id=${prepayId}`;
    return { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign: this.signer.paySign(this.config.appId, timeStamp, nonceStr, pkg) };
  }

  async queryTrade(outTradeNo: string): Promise<TradeQuery> {
    const answer = await this.caller.call({ method: 'GET', path: `${tradePath(outTradeNo)}?mchid=${encodeURIComponent(this.config.mchId)}` });
    if (answer.error) {
      if (answer.status === 404 && NOT_FOUND_CODES.includes(answer.error.code)) return { state: 'NOT_FOUND', outTradeNo };
      throw paymentFailure('query', answer.error);
    }
    const trade = this.ours(answer, 'query');
    if (trade.out_trade_no !== outTradeNo) throw new PaymentGatewayError('INVALID_RESPONSE', `query answered for another out_trade_no`);
    const state = TRADE_STATES.find((candidate) => candidate === trade.trade_state);
    if (!state) throw new PaymentGatewayError('INVALID_RESPONSE', `query answered trade_state "${String(trade.trade_state).slice(0, 32)}"`);
    const amount = trade.amount as { total?: unknown } | undefined;
    const totalFee = amount?.total === undefined ? undefined : fen(amount.total, 'amount.total');
    const paidAt = typeof trade.success_time === 'string' ? parseRfc3339(trade.success_time) : null;
    return {
      state,
      outTradeNo,
      ...(typeof trade.transaction_id === 'string' && trade.transaction_id ? { transactionId: trade.transaction_id } : {}),
      ...(totalFee !== undefined ? { totalFee } : {}),
      ...(paidAt ? { paidAt } : {}),
    };
  }

  /** 204 when closed; a paid trade is ORDERPAID and a closed one ORDERCLOSED, as in v2. */
  async closeTrade(outTradeNo: string): Promise<void> {
    const answer = await this.post(`${tradePath(outTradeNo)}/close`, { mchid: this.config.mchId });
    if (answer.error) throw paymentFailure('close', answer.error);
  }

  /** Retrying is safe: WeChat refunds one out_refund_no once, however often it is sent. */
  async refund(request: RefundRequest): Promise<string> {
    const { totalFee, refundFee } = request;
    if (!Number.isSafeInteger(totalFee) || !Number.isSafeInteger(refundFee) || refundFee <= 0 || refundFee > totalFee) {
      throw new PaymentGatewayError('REJECTED', `amount.refund ${refundFee} must be a positive integer of fen up to amount.total ${totalFee}`);
    }
    const answer = await this.post('/v3/refund/domestic/refunds', {
      transaction_id: request.transactionId,
      out_refund_no: request.outRefundNo,
      ...(request.reason ? { reason: truncateUtf8(request.reason, MAX_REASON_BYTES) } : {}),
      ...(this.config.refundNotifyUrl ? { notify_url: this.config.refundNotifyUrl } : {}),
      amount: { refund: refundFee, total: totalFee, currency: 'CNY' },
    });
    if (answer.error) throw refundFailure('refund', answer.error);
    const refund = answer.json ?? {};
    if (refund.out_refund_no !== request.outRefundNo) throw new PaymentGatewayError('INVALID_RESPONSE', 'refund answered for another out_refund_no');
    if (typeof refund.refund_id !== 'string' || refund.refund_id === '') throw new PaymentGatewayError('INVALID_RESPONSE', 'refund answered no refund_id');
    return refund.refund_id;
  }

  async queryRefund(outRefundNo: string): Promise<RefundQuery> {
    const answer = await this.caller.call({ method: 'GET', path: `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}` });
    if (answer.error) {
      if (answer.status === 404 && NOT_FOUND_CODES.includes(answer.error.code)) return { state: 'NOT_FOUND' };
      throw refundFailure('refund query', answer.error);
    }
    const refund = answer.json ?? {};
    if (refund.out_refund_no !== outRefundNo) throw new PaymentGatewayError('INVALID_RESPONSE', 'refund query answered for another out_refund_no');
    const state = REFUND_STATES.get(refund.status);
    if (!state) throw new PaymentGatewayError('INVALID_RESPONSE', `refund query answered status "${String(refund.status).slice(0, 32)}"`);
    return { state, ...(typeof refund.refund_id === 'string' && refund.refund_id ? { refundId: refund.refund_id } : {}) };
  }

  private post(path: string, body: Record<string, unknown>): Promise<VerifiedAnswer> {
    return this.caller.call({ method: 'POST', path, body: JSON.stringify(body) });
  }

  /** v2 checked appid and mch_id on every answer; v3 trade answers carry both. */
  private ours(answer: VerifiedAnswer, label: string): Record<string, unknown> {
    const json = answer.json ?? {};
    if (json.mchid !== this.config.mchId || json.appid !== this.config.appId) {
      throw new PaymentGatewayError('INVALID_RESPONSE', `${label}: the answer is for another merchant`);
    }
    return json;
  }
}

function tradePath(outTradeNo: string): string {
  return `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}`;
}

function fen(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new PaymentGatewayError('INVALID_RESPONSE', `${name} ${String(value).slice(0, 32)} is not an integer of fen`);
  }
  return value;
}
