import type { DeliveryView, OutboxItem, ShipmentView } from '../../../application/index.js';
import { chinaTime } from '../../system/china-time.js';
import { LOGISTICS_TYPE_NAMES } from '../schemas/delivery.schemas.js';

const NAME_OF = Object.fromEntries(Object.entries(LOGISTICS_TYPE_NAMES).map(([name, type]) => [type, name]));

/** Where a piece of work for WeChat stands, in the words of the order detail. */
const STATE: Record<OutboxItem['status'], string> = { PENDING: 'pending', DONE: 'uploaded', FAILED: 'failed', SKIPPED: 'not_required' };
const MESSAGE_STATE: Record<OutboxItem['status'], string> = { PENDING: 'pending', DONE: 'sent', FAILED: 'failed', SKIPPED: 'skipped' };

function presentWork(item: OutboxItem | null, states: Record<OutboxItem['status'], string>) {
  if (!item) return null;
  return {
    state: states[item.status],
    error_code: item.errorCode,
    reason: item.errorMessage,
    tries: item.tries,
    update_time: chinaTime(item.updatedAt),
  };
}

function presentShipment({ shipment, upload, message }: ShipmentView) {
  return {
    seq: shipment.seq,
    logistics_type: shipment.logisticsType ? NAME_OF[shipment.logisticsType] : null,
    parcels: shipment.parcels.map((parcel) => ({ carrier_code: parcel.carrierCode, tracking_no: parcel.trackingNo })),
    ship_time: chinaTime(shipment.shippedAt),
    upload: presentWork(upload, STATE),
    message: presentWork(message, MESSAGE_STATE),
  };
}

/**
 * The new fields an order shows of its delivery, beside zerg's (which are unchanged): each shipment
 * and where its upload to WeChat stands, the latest upload's state at the top, and what WeChat's
 * shipping management said (reminders, receipt confirmed, settled).
 */
export function presentDelivery({ shipments, trade }: DeliveryView) {
  const latest = shipments.at(-1);
  return {
    shipping_upload: latest?.upload ? STATE[latest.upload.status] : null,
    shipments: shipments.map(presentShipment),
    trade: trade
      ? {
          remind_shipping: trade.remindCount > 0,
          remind_count: trade.remindCount,
          remind_time: trade.remindedAt ? chinaTime(trade.remindedAt) : null,
          confirm_receive_time: trade.confirmedAt ? chinaTime(trade.confirmedAt) : null,
          confirm_receive_method: trade.confirmMethod,
          settlement_time: trade.settledAt ? chinaTime(trade.settledAt) : null,
        }
      : null,
  };
}
