import { InvalidShipment, OrderFullyRefunded, OrderNotDeliverable, ReshipmentUsed } from './errors.js';
import type { Order } from './order.js';
import { OrderStatus } from './order-status.js';
import type { Refund } from './refund.js';

/** How goods reach the buyer, as WeChat's shipping management knows them (its `logistics_type` 1 … 4). */
export type LogisticsType = 'EXPRESS' | 'SAME_CITY' | 'VIRTUAL' | 'SELF_PICKUP';
export const LOGISTICS_TYPES: readonly LogisticsType[] = ['EXPRESS', 'SAME_CITY', 'VIRTUAL', 'SELF_PICKUP'];

/** One parcel of an express shipment: the carrier (a code of WeChat's carrier list) and its tracking number. */
export interface Parcel {
  readonly carrierCode: string;
  readonly trackingNo: string;
}

/**
 * What was sent to the buyer, and how. The first shipment delivers the order; WeChat lets the
 * shipping information be changed once, so a second (a re-shipment) is the last. A shipment with
 * no logistics type was delivered the zerg way, with nothing WeChat could be told.
 */
export interface Shipment {
  readonly orderId: number;
  /** 1 for the delivery, 2 for the one re-shipment. */
  readonly seq: number;
  readonly logisticsType: LogisticsType | null;
  readonly parcels: readonly Parcel[];
  readonly shippedAt: Date;
}

export const MAX_SHIPMENTS = 2;
/** WeChat takes at most 15 entries in one `shipping_list`. */
export const MAX_PARCELS = 15;
export const MAX_TRACKING_NO_LENGTH = 128;
export const MAX_CARRIER_CODE_LENGTH = 32;

export interface ShipmentRequest {
  readonly logisticsType: LogisticsType | null;
  readonly parcels: readonly Parcel[];
}

/** Checks what a delivery says: express names its parcels (carrier and tracking number), the other types name none. */
export function checkShipmentRequest({ logisticsType, parcels }: ShipmentRequest): void {
  if (parcels.length > MAX_PARCELS) throw new InvalidShipment('parcels', `holds at most ${MAX_PARCELS} parcels`);
  if (logisticsType === null) {
    if (parcels.length > 0) throw new InvalidShipment('logistics_type', 'is required when parcels are named');
    return;
  }
  if (logisticsType !== 'EXPRESS') {
    if (parcels.length > 0) throw new InvalidShipment('parcels', `are for express shipments only, not ${logisticsType}`);
    return;
  }
  if (parcels.length === 0) throw new InvalidShipment('parcels', 'must name at least one parcel (carrier_code and tracking_no) for an express shipment');
  const seen = new Set<string>();
  parcels.forEach((parcel, index) => {
    if (!/^[\x21-\x7e]+$/.test(parcel.trackingNo) || parcel.trackingNo.length > MAX_TRACKING_NO_LENGTH) {
      throw new InvalidShipment(`parcels[${index}].tracking_no`, `must be 1 to ${MAX_TRACKING_NO_LENGTH} printable ASCII characters`);
    }
    if (!/^[A-Za-z0-9_-]+$/.test(parcel.carrierCode) || parcel.carrierCode.length > MAX_CARRIER_CODE_LENGTH) {
      throw new InvalidShipment(`parcels[${index}].carrier_code`, 'must be a carrier code of WeChat\'s carrier list, like "SF" or "ZTO"');
    }
    const key = `${parcel.carrierCode}:${parcel.trackingNo}`;
    if (seen.has(key)) throw new InvalidShipment(`parcels[${index}]`, 'names the same parcel twice');
    seen.add(key);
  });
}

/** Index of the first parcel whose carrier is not in WeChat's list, or -1. */
export function firstUnknownCarrier(parcels: readonly Parcel[], known: ReadonlySet<string>): number {
  return parcels.findIndex((parcel) => !known.has(parcel.carrierCode));
}

/** Whether every fen of a paid order is refunded or being refunded (a failed refund gives its amount back). */
export function isFullyRefunded(order: Order, refunds: readonly Refund[]): boolean {
  const charged = refunds
    .filter((refund) => refund.orderId === order.id && refund.chargedToOrder && refund.status !== 'FAILED')
    .reduce((sum, refund) => sum + refund.refundFee, 0);
  return order.totalPrice > 0 && charged >= order.totalPrice;
}

/**
 * Which shipment a delivery would be: the first of a PAID order, or (asked for explicitly) the one
 * re-shipment of a DELIVERED order. A fully refunded order ships nothing: the buyer has the money back.
 */
export function nextShipmentSeq(order: Order, refunds: readonly Refund[], earlier: readonly Shipment[], reship: boolean): number {
  if (isFullyRefunded(order, refunds)) throw new OrderFullyRefunded(order.id);
  if (!reship) {
    if (order.status !== OrderStatus.PAID || earlier.length > 0) throw new OrderNotDeliverable(order.id);
    return 1;
  }
  if (order.status !== OrderStatus.DELIVERED || earlier.length === 0) throw new OrderNotDeliverable(order.id);
  if (earlier.length >= MAX_SHIPMENTS) throw new ReshipmentUsed(order.id);
  return earlier.length + 1;
}

/** What a buyer's contact looks like to WeChat: masked, the last four digits kept (`138****8000`). */
export function maskedContact(mobile: string): string {
  const digits = mobile.replace(/\D/g, '');
  if (digits.length < 7) return `****${digits.slice(-4)}`;
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
