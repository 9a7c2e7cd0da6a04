import type { JsonSchema } from '../routing/route.js';
import { arrayOf, chinaTime, nullable, object, text } from './answer-schemas.js';

/** One of `values`, or null. */
const oneOrNull = (values: readonly string[], description?: string): JsonSchema => ({ type: ['string', 'null'], enum: [...values, null], ...(description ? { description } : {}) });


/** Where one piece of work for WeChat stands: the upload of a shipment, or its delivery message. */
const work = (states: readonly string[], what: string): JsonSchema =>
  nullable(
    object({
      state: { type: 'string', enum: states, description: what },
      error_code: nullable({ ...text, description: 'WeChat’s errcode, or the shop’s own (`NO_LOGISTICS_TYPE`, `INVALID_VALUE`, `NOT_TRADE_MANAGED`)' }),
      reason: nullable(text),
      tries: { type: 'integer', minimum: 0 },
      update_time: chinaTime,
    }),
  );

const shipment = object({
  seq: { type: 'integer', enum: [1, 2], description: '1 the delivery, 2 the one re-shipment' },
  logistics_type: oneOrNull(['express', 'same_city', 'virtual', 'self_pickup'], 'null: delivered without one (DELIVERY_LOGISTICS_TYPE unset)'),
  parcels: arrayOf(object({ carrier_code: text, tracking_no: text })),
  ship_time: chinaTime,
  upload: work(['pending', 'uploaded', 'failed', 'not_required'], 'its upload to WeChat’s shipping management'),
  message: work(['pending', 'sent', 'failed', 'skipped'], 'the buyer’s delivery message; null when the buyer allowed none'),
});

const trade = nullable(
  object({
    remind_shipping: { type: 'boolean', description: 'WeChat reminded the shop that the order is unshipped (48 h)' },
    remind_count: { type: 'integer', minimum: 0 },
    remind_time: nullable(chinaTime),
    confirm_receive_time: nullable(chinaTime),
    confirm_receive_method: { type: ['integer', 'null'], enum: [1, 2, null] },
    settlement_time: nullable(chinaTime),
  }),
);

/** What an order shows of its delivery, beside zerg's fields. */
export const deliveryProperties: Record<string, JsonSchema> = {
  shipping_upload: oneOrNull(['pending', 'uploaded', 'failed', 'not_required'], 'the latest shipment’s upload; null before delivery'),
  shipments: arrayOf(shipment),
  trade,
};

/** `GET order/delivery/options`: WeChat's carriers and `is_trade_managed`. */
export const deliveryOptions = object({
  carriers: arrayOf(object({ code: { ...text, description: 'the `carrier_code` a parcel names' }, name: text }), 'in WeChat’s order'),
  trade_managed: { type: ['boolean', 'null'], description: '`is_trade_managed`; null when WeChat did not answer' },
});
