import { formatChinaTime, parseChinaTime } from '../src/adapters/system/china-time.js';
import { canonicalString, isSignType, sign, verifySignature, type SignType } from '../src/adapters/wechat/sign.js';
import { type XmlFields, buildXmlMessage, parseXmlMessage } from '../src/adapters/wechat/xml.js';
import type { SandboxMerchant } from './sandbox-merchant.js';
import type { SandboxOrder, SandboxOrders } from './sandbox-orders.js';
import { refundQueryV2, refundV2 } from './sandbox-refund.api.js';
import type { SandboxRefunds } from './sandbox-refunds.js';
import type { SeededRandom } from './seeded-random.js';

type Answer = Record<string, string>;

/** WeChat's five-minute minimum between a unified order and its time_expire. */
const MIN_EXPIRE_MS = 5 * 60 * 1000;
const ORDER_FIELDS_IGNORED = new Set(['sign', 'sign_type', 'nonce_str']);

export const SANDBOX_PAY_PATHS = ['/pay/unifiedorder', '/pay/orderquery', '/pay/closeorder', '/secapi/pay/refund', '/pay/refundquery'] as const;

/** WeChat's merchant API (`/pay/…`, `/secapi/pay/refund`) on the sandbox's memory. */
export class SandboxPayApi {
  constructor(
    private readonly merchant: SandboxMerchant,
    private readonly orders: SandboxOrders,
    private readonly random: SeededRandom,
    private readonly now: () => Date,
    private readonly notifyUrlAllowed: (url: string) => boolean,
    private readonly refunds: SandboxRefunds,
  ) {}

  /**
   * One request body in, one response body out, both WeChat's XML. With `refuse`, a valid request
   * is answered with that err_code, signed, and not processed (WeChat overloaded, say).
   */
  handle(path: string, raw: string, refuse?: { errCode: string }): string {
    let fields: XmlFields;
    try {
      fields = parseXmlMessage(raw);
    } catch {
      return returnFail('XML格式错误');
    }
    const signType = fields.sign_type || 'MD5';
    if (!isSignType(signType)) return returnFail('sign_type参数错误');
    for (const name of ['appid', 'mch_id', 'nonce_str', 'sign']) {
      if (!fields[name]) return returnFail(`缺少参数${name}`);
    }
    if (fields.appid !== this.merchant.appId || fields.mch_id !== this.merchant.mchId) {
      return returnFail('appid和mch_id不匹配');
    }
    if (!verifySignature(fields, this.merchant.payKey, signType)) return returnFail('签名错误');

    const handlers: Record<string, (fields: XmlFields) => Answer> = {
      '/pay/unifiedorder': (f) => this.unifiedOrder(f),
      '/pay/orderquery': (f) => this.orderQuery(f),
      '/pay/closeorder': (f) => this.closeOrder(f),
      '/secapi/pay/refund': (f) => refundV2(this.refunds, f, this.notifyUrlAllowed),
      '/pay/refundquery': (f) => refundQueryV2(this.refunds, f),
    };
    const handler = handlers[path];
    if (!handler) return returnFail('NOT_FOUND');
    const answer = refuse ? resultFail(refuse.errCode, ERR_CODE_DES[refuse.errCode] ?? '沙箱注入的故障') : handler(fields);
    if ('return_code' in answer) return buildXmlMessage(answer);
    return this.signed(answer, signType);
  }

  private unifiedOrder(fields: XmlFields): Answer {
    for (const name of ['body', 'out_trade_no', 'total_fee', 'spbill_create_ip', 'notify_url', 'trade_type']) {
      if (!fields[name]) return { return_code: 'FAIL', return_msg: `缺少参数${name}` };
    }
    const [outTradeNo, totalFee, notifyUrl, openid] = [fields.out_trade_no, fields.total_fee, fields.notify_url, fields.openid].map(
      (value) => value ?? '',
    ) as [string, string, string, string];
    if (fields.trade_type !== 'JSAPI') return paramError('沙箱只支持 trade_type=JSAPI');
    if (!openid) return paramError('JSAPI支付必须传openid');
    if (!/^[1-9][0-9]{0,9}$/.test(totalFee)) return paramError('total_fee 必须是正整数（单位：分）');
    if (!/^[A-Za-z0-9_\-|*@]{1,32}$/.test(outTradeNo)) return paramError('out_trade_no 格式错误');
    if (Buffer.byteLength(fields.body ?? '', 'utf8') > 128) return paramError('body 超过 128 字节');
    if (!this.notifyUrlAllowed(notifyUrl)) return paramError('notify_url 不可用：沙箱只通知本机地址');
    const expires = fields.time_expire ? parseChinaTime(fields.time_expire) : null;
    if (fields.time_expire && !expires) return paramError('time_expire 格式错误，应为 yyyyMMddHHmmss');

    const fingerprint = canonicalString(
      Object.fromEntries(Object.entries(fields).filter(([name]) => !ORDER_FIELDS_IGNORED.has(name))),
    );
    const existing = this.orders.find(outTradeNo);
    if (existing) {
      if (existing.state === 'SUCCESS') return resultFail('ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') return resultFail('ORDERCLOSED', '该订单已关闭');
      if (existing.fingerprint !== fingerprint) return resultFail('OUT_TRADE_NO_USED', '商户订单号重复');
      return { prepay_id: existing.prepayId, trade_type: 'JSAPI' };
    }
    if (expires && expires.getTime() - this.now().getTime() < MIN_EXPIRE_MS) {
      return paramError('time_expire时间过短，刷卡至少1分钟，其他5分钟');
    }
    const order: SandboxOrder = {
      protocol: 'v2',
      outTradeNo,
      prepayId: `wx${formatChinaTime(this.now())}${this.random.hex(20)}`,
      fingerprint,
      openid,
      totalFee,
      notifyUrl,
      signType: (fields.sign_type || 'MD5') as SignType,
      timeExpire: fields.time_expire ?? null,
      state: 'NOTPAY',
      transactionId: null,
      timeEnd: null,
    };
    this.orders.add(order);
    return { prepay_id: order.prepayId, trade_type: 'JSAPI' };
  }

  private orderQuery(fields: XmlFields): Answer {
    if (!fields.out_trade_no && !fields.transaction_id) return { return_code: 'FAIL', return_msg: '缺少参数out_trade_no' };
    const order = this.orders.findBy({ outTradeNo: fields.out_trade_no, transactionId: fields.transaction_id });
    if (!order) return resultFail('ORDERNOTEXIST', '此交易订单号不存在');
    const paid = order.state === 'SUCCESS';
    return {
      out_trade_no: order.outTradeNo,
      trade_state: order.state,
      trade_state_desc: TRADE_STATE_DESC[order.state],
      total_fee: order.totalFee,
      trade_type: 'JSAPI',
      openid: order.openid,
      ...(paid ? { transaction_id: order.transactionId ?? '', time_end: order.timeEnd ?? '', cash_fee: order.totalFee, bank_type: 'OTHERS', fee_type: 'CNY' } : {}),
    };
  }

  private closeOrder(fields: XmlFields): Answer {
    if (!fields.out_trade_no) return { return_code: 'FAIL', return_msg: '缺少参数out_trade_no' };
    const order = this.orders.find(fields.out_trade_no);
    if (!order) return resultFail('ORDERNOTEXIST', '此交易订单号不存在');
    if (order.state === 'SUCCESS') return resultFail('ORDERPAID', '订单已支付，不能发起关单');
    if (order.state === 'CLOSED') return resultFail('ORDERCLOSED', '订单已关闭，无法重复关闭');
    order.state = 'CLOSED';
    return { result_msg: 'OK' };
  }

  private signed(answer: Answer, signType: SignType): string {
    const fields: Answer = {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      appid: this.merchant.appId,
      mch_id: this.merchant.mchId,
      nonce_str: this.random.alphanumeric(32),
      result_code: 'SUCCESS',
      ...answer,
    };
    fields.sign = sign(fields, this.merchant.payKey, signType);
    return buildXmlMessage(fields);
  }
}

const TRADE_STATE_DESC: Record<SandboxOrder['state'], string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  PAYERROR: '支付失败',
  CLOSED: '订单已关闭',
};

/** What WeChat says beside the err_codes a fault is likely to play. */
const ERR_CODE_DES: Record<string, string> = {
  SYSTEMERROR: '系统超时',
  BIZERR_NEED_RETRY: '退款业务流程错误，需要商户触发重试来解决',
  FREQUENCY_LIMITED: '频率限制',
};

/** The request was not processed: unsigned, as WeChat sends it. */
function returnFail(message: string): string {
  return buildXmlMessage({ return_code: 'FAIL', return_msg: message });
}

/** Processed and refused: signed, with result_code FAIL. */
function resultFail(errCode: string, description: string): Answer {
  return { result_code: 'FAIL', err_code: errCode, err_code_des: description };
}

function paramError(description: string): Answer {
  return resultFail('PARAM_ERROR', description);
}
