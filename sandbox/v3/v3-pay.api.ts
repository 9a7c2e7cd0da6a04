/**
 * The v3 trade API on the sandbox's book: JSAPI prepay, query by out_trade_no, close. Requests
 * arrive authenticated (v3-http.ts); answers are V3Answers, signed on the way out.
 */
import { formatChinaTime } from '../../src/adapters/system/china-time.js';
import { parseRfc3339 } from '../../src/adapters/wechat/v3/rfc3339.js';
import type { SandboxMerchant } from '../sandbox-merchant.js';
import type { SandboxOrder, SandboxOrders } from '../sandbox-orders.js';
import type { SeededRandom } from '../seeded-random.js';
import { transactionOf } from './v3-shapes.js';
import { type V3Answer, v3Error } from './v3-wire.js';

export type Json = Record<string, unknown>;

/** WeChat's five-minute minimum between an order and its time_expire, as in v2. */
const MIN_EXPIRE_MS = 5 * 60 * 1000;
const OUT_TRADE_NO = /^[A-Za-z0-9_\-|*@]{1,32}$/;

export class SandboxV3PayApi {
  constructor(
    private readonly merchant: SandboxMerchant,
    private readonly orders: SandboxOrders,
    private readonly random: SeededRandom,
    private readonly now: () => Date,
    private readonly notifyUrlAllowed: (url: string) => boolean,
  ) {}

  jsapi(body: Json): V3Answer {
    const { appid, mchid, description, out_trade_no: outTradeNo, notify_url: notifyUrl, time_expire: timeExpire } = body;
    const amount = objectOf(body.amount);
    const openid = objectOf(body.payer).openid;
    for (const [name, value] of Object.entries({ appid, mchid, description, out_trade_no: outTradeNo, notify_url: notifyUrl, 'payer.openid': openid })) {
      if (typeof value !== 'string' || value === '') return paramError(`${name} 为必填字符串`);
    }
    if (mchid !== this.merchant.mchId) return paramError('mchid 与请求的商户号不一致');
    if (appid !== this.merchant.appId) return v3Error('APPID_MCHID_NOT_MATCH', 'AppID和mch_id不匹配');
    const total = amount.total;
    if (typeof total !== 'number' || !Number.isSafeInteger(total) || total <= 0 || total > 9_999_999_999) return paramError('amount.total 必须是正整数（单位：分）');
    if (amount.currency !== undefined && amount.currency !== 'CNY') return paramError('amount.currency 只支持 CNY');
    if (!OUT_TRADE_NO.test(String(outTradeNo))) return paramError('out_trade_no 格式错误');
    if (Buffer.byteLength(String(description), 'utf8') > 127) return paramError('description 超过 127 字节');
    if (!this.notifyUrlAllowed(String(notifyUrl))) return paramError('notify_url 不可用：沙箱只通知本机地址');
    if (timeExpire !== undefined && (typeof timeExpire !== 'string' || !parseRfc3339(timeExpire))) return paramError('time_expire 格式错误，应为 RFC 3339');
    const expires = typeof timeExpire === 'string' ? parseRfc3339(timeExpire) : null;

    const fingerprint = JSON.stringify(['v3', appid, description, notifyUrl, total, openid, timeExpire ?? null]);
    const existing = this.orders.find(String(outTradeNo));
    if (existing) {
      if (existing.state === 'SUCCESS') return v3Error('ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') return v3Error('ORDER_CLOSED', '订单已关闭');
      if (existing.fingerprint !== fingerprint) return v3Error('OUT_TRADE_NO_USED', '商户订单号重复');
      return { status: 200, json: { prepay_id: existing.prepayId } };
    }
    if (expires && expires.getTime() - this.now().getTime() < MIN_EXPIRE_MS) return paramError('time_expire 时间过短，至少5分钟');
    const order: SandboxOrder = {
      protocol: 'v3',
      outTradeNo: String(outTradeNo),
      prepayId: `wx${formatChinaTime(this.now())}${this.random.hex(20)}`,
      fingerprint,
      openid: String(openid),
      totalFee: String(total),
      notifyUrl: String(notifyUrl),
      signType: null,
      timeExpire: typeof timeExpire === 'string' ? timeExpire : null,
      state: 'NOTPAY',
      transactionId: null,
      timeEnd: null,
    };
    this.orders.add(order);
    return { status: 200, json: { prepay_id: order.prepayId } };
  }

  /** Any order of the book, v2 or v3: a merchant moving to v3 queries its v2 orders the v3 way. */
  query(outTradeNo: string, query: Readonly<Record<string, string | undefined>>): V3Answer {
    if (query.mchid !== this.merchant.mchId) return paramError('mchid 缺失或与请求的商户号不一致');
    const order = this.orders.find(outTradeNo);
    if (!order) return v3Error('ORDER_NOT_EXIST', '订单不存在');
    return { status: 200, json: transactionOf(this.merchant, order) };
  }

  /** 204 when closed, or already closed; a paid order cannot be closed. */
  close(outTradeNo: string, body: Json): V3Answer {
    if (body.mchid !== this.merchant.mchId) return paramError('mchid 缺失或与请求的商户号不一致');
    const order = this.orders.find(outTradeNo);
    if (!order) return v3Error('ORDER_NOT_EXIST', '订单不存在');
    if (order.state === 'SUCCESS') return v3Error('ORDERPAID', '订单已支付，不能发起关单');
    order.state = 'CLOSED';
    return { status: 204 };
  }
}

export function objectOf(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

export function paramError(message: string): V3Answer {
  return v3Error('PARAM_ERROR', message);
}
