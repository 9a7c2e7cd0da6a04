import type { JSONSchemaType } from 'ajv';
import type { Address } from '../../../domain/index.js';
import { ajv } from '../validation.js';

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' }) as const;

/** Mainland mobile numbers of today's ranges: 11 digits, 13x to 19x. */
export const MOBILE_PATTERN = '^1[3-9]\\d{9}$';

export const validateAddress = ajv.compile<Address>({
  type: 'object',
  properties: {
    name: text(30),
    mobile: { type: 'string', pattern: MOBILE_PATTERN },
    province: text(20),
    city: text(20),
    country: text(20),
    detail: text(120),
  },
  required: ['name', 'mobile', 'province', 'city', 'country', 'detail'],
} satisfies JSONSchemaType<Address>);

