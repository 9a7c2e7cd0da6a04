import type { LogisticsType, Parcel } from '../../domain/index.js';

/** Upload of one shipment to WeChat's shipping management (`upload_shipping_info`). */
export interface ShippingUploadWork {
  readonly kind: 'SHIPPING_UPLOAD';
  readonly orderId: number;
  readonly seq: number;
  /** The payment the shipment is for: WeChat's order key. */
  readonly transactionId: string;
  readonly payerOpenid: string;
  /** Null: delivered the zerg way, nothing WeChat can be told (the item is written FAILED). */
  readonly logisticsType: LogisticsType | null;
  readonly parcels: readonly Parcel[];
  /** What was sent, as WeChat shows it to the buyer (`item_desc`, at most 120 characters). */
  readonly itemDesc: string;
  /** The receiver's phone, masked: WeChat wants it for SF Express parcels. */
  readonly receiverContact: string;
}

/** One subscribe message (`subscribe/send`), its values already within WeChat's limits. */
export interface SubscribeMessageWork {
  readonly kind: 'SUBSCRIBE_MESSAGE';
  readonly orderId: number;
  readonly openid: string;
  readonly templateId: string;
  readonly page: string | null;
  readonly miniprogramState: 'formal' | 'trial' | 'developer';
  readonly data: Readonly<Record<string, { readonly value: string }>>;
}

export type OutboxWork = ShippingUploadWork | SubscribeMessageWork;
export type OutboxKind = OutboxWork['kind'];

/** PENDING: to be sent (again); DONE: WeChat took it; FAILED: refused for good (with its code); SKIPPED: nothing to send. */
export type OutboxStatus = 'PENDING' | 'DONE' | 'FAILED' | 'SKIPPED';

export interface NewOutboxItem {
  /** Unique: the same work is never written twice (`upload:<order>:<seq>`). */
  readonly key: string;
  readonly work: OutboxWork;
  readonly createdAt: Date;
  /** Written already ended: work that cannot be sent, and why. PENDING when absent. */
  readonly ended?: { readonly status: 'FAILED' | 'SKIPPED'; readonly errorCode: string; readonly errorMessage: string };
}

export interface OutboxItem {
  readonly key: string;
  readonly kind: OutboxKind;
  readonly orderId: number;
  readonly work: OutboxWork;
  readonly status: OutboxStatus;
  /** Sends tried so far. */
  readonly tries: number;
  /** The last answer that was not a success: WeChat's errcode (or our own code) and message. */
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface OutboxEnd {
  readonly status: 'DONE' | 'FAILED' | 'SKIPPED';
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly at: Date;
}

/**
 * Work that must reach WeChat, written in the transaction of the change that needs it and sent by
 * the lifecycle jobs. Each item is claimed with a lease (one sender at a time, a dead one delays
 * it by one lease) and ended by compare-and-set, so it is sent by one worker and ended once.
 */
export const Outbox = Symbol('Outbox');
export interface Outbox {
  /** Writes the item unless its key exists; false then. Run inside the unit of work of the change. */
  add(item: NewOutboxItem): Promise<boolean>;
  find(key: string): Promise<OutboxItem | null>;
  listByOrders(orderIds: readonly number[]): Promise<OutboxItem[]>;
  /** Keys of PENDING items free at `now` (no live lease, no retry waiting), oldest first. */
  findDue(now: Date, limit: number): Promise<string[]>;
  /** Takes a PENDING item until `until` if it is free at `now`, counting one more try; false when another worker has it. */
  claim(key: string, now: Date, until: Date): Promise<boolean>;
  /** Ends a PENDING item; false when it was not PENDING any more. */
  end(key: string, end: OutboxEnd): Promise<boolean>;
  /** Leaves a PENDING item for another try at `notBefore`, recording why this one did not go through. */
  retryAt(key: string, notBefore: Date, error: { readonly code: string; readonly message: string }, at: Date): Promise<void>;
}
