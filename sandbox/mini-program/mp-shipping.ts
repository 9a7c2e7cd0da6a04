import { parseChinaTime } from '../../src/adapters/system/china-time.js';
import { parseRfc3339 } from '../../src/adapters/wechat/v3/rfc3339.js';
import type { SandboxMerchant } from '../sandbox-merchant.js';
import type { SandboxOrder, SandboxOrders } from '../sandbox-orders.js';

/** The carriers `get_delivery_list` names: a few of WeChat's real codes. */
export const SANDBOX_CARRIERS: Readonly<Record<string, string>> = {
  SF: '顺丰速运',
  ZTO: '中通快递',
  YTO: '圆通速递',
  STO: '申通快递',
  YD: '韵达快递',
  JTSD: '极兔速递',
  EMS: '中国邮政速递物流',
  JD: '京东物流',
};

/** What WeChat's shipping management holds of one payment: its uploads and whether the buyer confirmed receipt. */
export interface SandboxShipment {
  readonly transactionId: string;
  readonly outTradeNo: string;
  readonly uploads: { readonly uploadTime: string; readonly body: Record<string, unknown> }[];
  confirmedAt: Date | null;
}

type Answer = { errcode: number; errmsg: string };
const ok: Answer = { errcode: 0, errmsg: 'ok' };
const refuse = (errcode: number, errmsg: string): Answer => ({ errcode, errmsg });

/**
 * Shipping information management: `upload_shipping_info` accepts a paid order's shipment once and
 * one change of it; until `visibleAfterSeconds` after the payment it answers 10060001 (WeChat has
 * not seen the payment yet), as real WeChat does for a short while.
 */
export class SandboxShipping {
  tradeManaged = true;
  private readonly shipments = new Map<string, SandboxShipment>();

  constructor(
    private readonly merchant: SandboxMerchant,
    private readonly orders: SandboxOrders,
    private readonly now: () => Date,
    public visibleAfterSeconds = 0,
  ) {}

  deliveryList(): object {
    const list = Object.entries(SANDBOX_CARRIERS).map(([delivery_id, delivery_name]) => ({ delivery_id, delivery_name }));
    return { errcode: 0, delivery_list: list, count: list.length };
  }

  isTradeManaged(body: Record<string, unknown>): object {
    if (body.appid !== this.merchant.appId) return refuse(40013, 'invalid appid');
    return { errcode: 0, errmsg: 'ok', is_trade_managed: this.tradeManaged };
  }

  upload(body: Record<string, unknown>): Answer {
    const order = this.orderOf(body.order_key);
    const paidAt = order?.state === 'SUCCESS' && order.timeEnd ? parseChinaTime(order.timeEnd) : null;
    if (!order || !paidAt || paidAt.getTime() + this.visibleAfterSeconds * 1000 > this.now().getTime()) return refuse(10060001, '支付单不存在');
    const payer = (body.payer as { openid?: unknown } | undefined)?.openid;
    if (payer !== order.openid) return refuse(10060014, '参数错误: payer.openid is not the payer of the order');
    const problem = this.problemOf(body);
    if (problem) return problem;
    const shipment = this.shipments.get(order.transactionId!) ?? { transactionId: order.transactionId!, outTradeNo: order.outTradeNo, uploads: [], confirmedAt: null };
    if (shipment.confirmedAt) return refuse(10060004, '支付单处于不可发货的状态');
    if (shipment.uploads.length >= 2) return refuse(10060003, '支付单已使用重新发货机会');
    const last = shipment.uploads.at(-1);
    const uploadTime = String(body.upload_time);
    if (last && parseRfc3339(uploadTime)!.getTime() <= parseRfc3339(last.uploadTime)!.getTime()) return refuse(10060023, '发货信息未更新');
    shipment.uploads.push({ uploadTime, body });
    this.shipments.set(shipment.transactionId, shipment);
    return ok;
  }

  list(): readonly SandboxShipment[] {
    return [...this.shipments.values()];
  }

  /** The buyer confirms receipt of a shipped order; null when nothing was uploaded for it. */
  confirm(outTradeNo: string): SandboxShipment | null {
    const shipment = [...this.shipments.values()].find((each) => each.outTradeNo === outTradeNo) ?? null;
    if (shipment) shipment.confirmedAt = this.now();
    return shipment;
  }

  private orderOf(key: unknown): SandboxOrder | undefined {
    const orderKey = (key ?? {}) as { order_number_type?: unknown; transaction_id?: unknown; mchid?: unknown; out_trade_no?: unknown };
    const all = this.orders.list();
    if (orderKey.order_number_type === 2) return all.find((order) => order.transactionId !== null && order.transactionId === orderKey.transaction_id);
    if (orderKey.order_number_type === 1 && orderKey.mchid === this.merchant.mchId) return all.find((order) => order.outTradeNo === orderKey.out_trade_no);
    return undefined;
  }

  private problemOf(body: Record<string, unknown>): Answer | null {
    const type = body.logistics_type;
    if (type !== 1 && type !== 2 && type !== 3 && type !== 4) return refuse(10060005, '物流类型有误');
    if (body.delivery_mode !== 1 && body.delivery_mode !== 2) return refuse(10060014, '参数错误: delivery_mode');
    if (body.delivery_mode === 2 && type !== 1) return refuse(10060006, '非快递发货时不允许选择分拆发货');
    if (body.delivery_mode === 2 && typeof body.is_all_delivered !== 'boolean') return refuse(10060007, '分拆发货模式下必须填写is_all_delivered');
    if (typeof body.upload_time !== 'string' || !parseRfc3339(body.upload_time)) return refuse(10060014, '参数错误: upload_time');
    const list = body.shipping_list;
    if (!Array.isArray(list) || list.length === 0 || list.length > 15) return refuse(10060024, '物流信息列表太长或为空');
    if (body.delivery_mode === 1 && list.length > 1) return refuse(10060014, '参数错误: 统一发货只能有一个物流单');
    for (const entry of list as Record<string, unknown>[]) {
      if (typeof entry.item_desc !== 'string' || entry.item_desc === '') return refuse(10060020, '该笔订单没有商品描述');
      if ([...entry.item_desc].length > 120) return refuse(10060008, '商品描述字段太长');
      if (type !== 1) continue;
      if (typeof entry.tracking_no !== 'string' || entry.tracking_no === '' || entry.tracking_no.length > 128) return refuse(10060026, '物流单号有误');
      if (typeof entry.express_company !== 'string' || !SANDBOX_CARRIERS[entry.express_company]) return refuse(10060014, '参数错误: express_company');
      const contact = (entry.contact ?? {}) as { receiver_contact?: unknown; consignor_contact?: unknown };
      if (entry.express_company === 'SF' && !contact.receiver_contact && !contact.consignor_contact) return refuse(10060014, '参数错误: 顺丰需要联系方式');
    }
    return null;
  }
}
