import type { JSONSchemaType } from 'ajv';
import type { LogisticsType, Parcel } from '../../../domain/index.js';
import { MAX_CARRIER_CODE_LENGTH, MAX_PARCELS, MAX_TRACKING_NO_LENGTH } from '../../../domain/index.js';
import { MAX_ID, ajv } from '../validation.js';

/** The logistics types by the names a CMS sends. */
export const LOGISTICS_TYPE_NAMES = { express: 'EXPRESS', same_city: 'SAME_CITY', virtual: 'VIRTUAL', self_pickup: 'SELF_PICKUP' } as const satisfies Record<string, LogisticsType>;
type LogisticsTypeName = keyof typeof LOGISTICS_TYPE_NAMES;

/**
 * `PUT order/delivery`: zerg's `{id}`, and what WeChat needs to be told: how it ships and, for
 * express, each parcel's carrier (a code of WeChat's carrier list) and tracking number. `reship`
 * asks for the one re-shipment of a delivered order.
 */
export interface DeliveryBody {
  id: number;
  logistics_type?: LogisticsTypeName;
  parcels?: { carrier_code: string; tracking_no: string }[];
  reship?: boolean;
}

export const validateDelivery = ajv.compile<DeliveryBody>({
  type: 'object',
  properties: {
    id: { type: 'integer', minimum: 1, maximum: MAX_ID },
    logistics_type: { type: 'string', enum: Object.keys(LOGISTICS_TYPE_NAMES) as LogisticsTypeName[], nullable: true },
    parcels: {
      type: 'array',
      nullable: true,
      minItems: 1,
      maxItems: MAX_PARCELS,
      items: {
        type: 'object',
        properties: {
          carrier_code: { type: 'string', minLength: 1, maxLength: MAX_CARRIER_CODE_LENGTH },
          tracking_no: { type: 'string', minLength: 1, maxLength: MAX_TRACKING_NO_LENGTH },
        },
        required: ['carrier_code', 'tracking_no'],
        additionalProperties: false,
      },
    },
    reship: { type: 'boolean', nullable: true },
  },
  required: ['id'],
} satisfies JSONSchemaType<DeliveryBody>);


/** The use case's command from a valid body. */
export function deliveryCommand(body: DeliveryBody) {
  const parcels: Parcel[] | undefined = body.parcels?.map((parcel) => ({ carrierCode: parcel.carrier_code, trackingNo: parcel.tracking_no }));
  return {
    orderId: body.id,
    ...(body.logistics_type ? { logisticsType: LOGISTICS_TYPE_NAMES[body.logistics_type] } : {}),
    ...(parcels ? { parcels } : {}),
    ...(body.reship ? { reship: true } : {}),
  };
}

/**
 * What `wx.requestSubscribeMessage` answered, forwarded as it came: `errMsg`, and each template id
 * the buyer was asked about with `accept`, `reject`, `ban` or `filter`.
 */
export type ConsentBody = Record<string, string>;

const CONSENT_RESULTS = ['accept', 'reject', 'ban', 'filter'];

export const validateConsent = ajv.compile<ConsentBody>({
  type: 'object',
  minProperties: 1,
  maxProperties: 21,
  propertyNames: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,128}$' },
  additionalProperties: { type: 'string', maxLength: 200 },
  required: [],
});

/** The template answers of a valid body (errMsg and anything but the four results left out). */
export function consentResults(body: ConsentBody): Record<string, string> {
  return Object.fromEntries(Object.entries(body).filter(([key, value]) => key !== 'errMsg' && CONSENT_RESULTS.includes(value)));
}
