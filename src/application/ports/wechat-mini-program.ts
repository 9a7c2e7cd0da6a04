import type { LogisticsType, Parcel } from '../../domain/index.js';

/** WeChat's server API answered an errcode (or -1: unreachable, timed out, unreadable). */
export class WeChatApiError extends Error {
  constructor(readonly errcode: number, readonly errmsg: string) {
    super(`WeChat answered errcode ${errcode}: ${errmsg}`);
    this.name = 'WeChatApiError';
  }
}

export interface ShippingUpload {
  readonly transactionId: string;
  readonly payerOpenid: string;
  readonly logisticsType: LogisticsType;
  readonly parcels: readonly Parcel[];
  readonly itemDesc: string;
  readonly receiverContact: string;
  /** When this upload is made; a later upload of the same order must carry a later time. */
  readonly uploadTime: Date;
}

/** WeChat's shipping information management (发货信息管理). Failures are WeChatApiError. */
export const ShippingGateway = Symbol('ShippingGateway');
export interface ShippingGateway {
  upload(upload: ShippingUpload): Promise<void>;
  /** Whether the mini-program is under shipping management (`is_trade_managed`); answered from a short cache. */
  isTradeManaged(): Promise<boolean>;
}

/** A carrier of WeChat's list: the code `upload_shipping_info` takes, and its name. */
export interface Carrier {
  readonly code: string;
  readonly name: string;
}

/** WeChat's carrier list (`get_delivery_list`), cached: the codes `upload_shipping_info` accepts. */
export const CarrierDirectory = Symbol('CarrierDirectory');
export interface CarrierDirectory {
  carrierCodes(): Promise<ReadonlySet<string>>;
  /** The same list with names, in WeChat's order, for an operator to choose from. */
  carrierList(): Promise<readonly Carrier[]>;
}

export interface SubscribeMessage {
  readonly openid: string;
  readonly templateId: string;
  readonly page: string | null;
  readonly miniprogramState: 'formal' | 'trial' | 'developer';
  readonly data: Readonly<Record<string, { readonly value: string }>>;
}

/** `subscribe/send`. Failures are WeChatApiError. */
export const SubscribeMessenger = Symbol('SubscribeMessenger');
export interface SubscribeMessenger {
  send(message: SubscribeMessage): Promise<void>;
}
