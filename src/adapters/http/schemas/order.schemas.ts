import type { JSONSchemaType } from 'ajv';
import { MAX_LINE_COUNT } from '../../../domain/index.js';
import { MAX_ID, ajv } from '../validation.js';

/** What the zerg client posts: `products` is an array of `{product_id, count}` objects. */
export interface PlaceOrderBody {
  products: { product_id: number; count: number }[];
}

export const MAX_ORDER_LINES = 100;

export const validatePlaceOrder = ajv.compile<PlaceOrderBody>({
  type: 'object',
  properties: {
    products: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_ORDER_LINES,
      items: {
        type: 'object',
        properties: {
          product_id: { type: 'integer', minimum: 1, maximum: MAX_ID },
          count: { type: 'integer', minimum: 1, maximum: MAX_LINE_COUNT },
        },
        required: ['product_id', 'count'],
      },
    },
  },
  required: ['products'],
} satisfies JSONSchemaType<PlaceOrderBody>);

/** `{id}` of pay/pre_order and order/delivery. */
export interface OrderIdBody {
  id: number;
}

export const validateOrderId = ajv.compile<OrderIdBody>({
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1, maximum: MAX_ID } },
  required: ['id'],
} satisfies JSONSchemaType<OrderIdBody>);

/** `POST order/refund`: the amount as a yuan string like every price the API speaks; the whole order when absent. */
export interface RefundBody {
  id: number;
  refund_fee?: string;
  reason: string;
}

export const validateRefund = ajv.compile<RefundBody>({
  type: 'object',
  properties: {
    id: { type: 'integer', minimum: 1, maximum: MAX_ID },
    // Optional, but never null: a null amount must not quietly mean "refund everything".
    refund_fee: { type: 'string', pattern: '^(0|[1-9]\\d{0,8})(\\.\\d{1,2})?$', nullable: true, not: { type: 'null' } },
    reason: { type: 'string', minLength: 1, maxLength: 80 },
  },
  required: ['id', 'reason'],
} satisfies JSONSchemaType<RefundBody>);

