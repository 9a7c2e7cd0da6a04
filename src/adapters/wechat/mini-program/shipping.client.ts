import type { Carrier, CarrierDirectory, ShippingGateway, ShippingUpload, SubscribeMessage, SubscribeMessenger } from '../../../application/index.js';
import { WeChatApiError } from '../../../application/index.js';
import type { LogisticsType } from '../../../domain/index.js';
import type { MiniProgramApi } from './mini-program-api.js';

/** WeChat's numbers for the logistics types (`logistics_type`). */
export const LOGISTICS_TYPE_NUMBERS: Readonly<Record<LogisticsType, number>> = { EXPRESS: 1, SAME_CITY: 2, VIRTUAL: 3, SELF_PICKUP: 4 };

/** RFC 3339 in China time with milliseconds, as WeChat's examples write `upload_time`: `2026-11-24T13:29:35.120+08:00`. */
export function uploadTime(instant: Date): string {
  return `${new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 23)}+08:00`;
}

/** The body of `upload_shipping_info`: the order by its WeChat transaction, one entry per parcel (or one for non-express). */
export function uploadShippingBody(upload: ShippingUpload) {
  const express = upload.logisticsType === 'EXPRESS';
  const split = express && upload.parcels.length > 1;
  const shippingList = express
    ? upload.parcels.map((parcel) => ({
        tracking_no: parcel.trackingNo,
        express_company: parcel.carrierCode,
        item_desc: upload.itemDesc,
        contact: { receiver_contact: upload.receiverContact },
      }))
    : [{ item_desc: upload.itemDesc }];
  return {
    order_key: { order_number_type: 2, transaction_id: upload.transactionId },
    logistics_type: LOGISTICS_TYPE_NUMBERS[upload.logisticsType],
    // Several parcels are WeChat's split delivery, every part of it shipped now.
    delivery_mode: split ? 2 : 1,
    ...(split ? { is_all_delivered: true } : {}),
    shipping_list: shippingList,
    upload_time: uploadTime(upload.uploadTime),
    payer: { openid: upload.payerOpenid },
  };
}

export interface CacheOptions {
  readonly now?: () => Date;
  /** How long the carrier list is kept (it changes rarely). */
  readonly carrierListSeconds?: number;
  /** How long `is_trade_managed` is believed. */
  readonly tradeManagedSeconds?: number;
}

/**
 * Shipping information management, the carrier list and subscribe messages over the mini-program
 * API. The carrier list and `is_trade_managed` are kept for a while in this process: asked once,
 * not per delivery.
 */
export class WeChatShippingClient implements ShippingGateway, CarrierDirectory, SubscribeMessenger {
  private carriers: { list: readonly Carrier[]; codes: ReadonlySet<string>; until: number } | null = null;
  private managed: { value: boolean; until: number } | null = null;
  private readonly now: () => Date;

  constructor(private readonly api: MiniProgramApi, private readonly appId: string, private readonly options: CacheOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  async upload(upload: ShippingUpload): Promise<void> {
    await this.api.post('/wxa/sec/order/upload_shipping_info', uploadShippingBody(upload));
  }

  async isTradeManaged(): Promise<boolean> {
    const now = this.now().getTime();
    if (this.managed && now < this.managed.until) return this.managed.value;
    const answer = await this.api.post('/wxa/sec/order/is_trade_managed', { appid: this.appId });
    const value = answer.is_trade_managed === true;
    this.managed = { value, until: now + (this.options.tradeManagedSeconds ?? 600) * 1000 };
    return value;
  }

  /** What `is_trade_managed` last answered, without asking: null before it was asked. */
  lastTradeManaged(): boolean | null {
    return this.managed?.value ?? null;
  }

  async carrierCodes(): Promise<ReadonlySet<string>> {
    return (await this.carrierCache()).codes;
  }

  async carrierList(): Promise<readonly Carrier[]> {
    return (await this.carrierCache()).list;
  }

  private async carrierCache(): Promise<{ list: readonly Carrier[]; codes: ReadonlySet<string> }> {
    const now = this.now().getTime();
    if (this.carriers && now < this.carriers.until) return this.carriers;
    const answer = await this.api.post('/cgi-bin/express/delivery/open_msg/get_delivery_list', {});
    if (!Array.isArray(answer.delivery_list)) throw new WeChatApiError(-1, 'get_delivery_list answered without delivery_list');
    const list: Carrier[] = answer.delivery_list.flatMap((entry: unknown) => {
      const { delivery_id: code, delivery_name: name } = (entry ?? {}) as { delivery_id?: unknown; delivery_name?: unknown };
      return typeof code === 'string' && code !== '' ? [{ code, name: typeof name === 'string' && name !== '' ? name : code }] : [];
    });
    this.carriers = { list, codes: new Set(list.map((carrier) => carrier.code)), until: now + (this.options.carrierListSeconds ?? 6 * 3600) * 1000 };
    return this.carriers;
  }

  async send(message: SubscribeMessage): Promise<void> {
    await this.api.post('/cgi-bin/message/subscribe/send', {
      touser: message.openid,
      template_id: message.templateId,
      ...(message.page ? { page: message.page } : {}),
      miniprogram_state: message.miniprogramState,
      lang: 'zh_CN',
      data: message.data,
    });
  }
}
