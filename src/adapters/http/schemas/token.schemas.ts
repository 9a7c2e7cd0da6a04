import type { JSONSchemaType } from 'ajv';
import type { IssueAppTokenCommand, LoginWithWeChatCommand, VerifyTokenCommand } from '../../../application/index.js';
import { ajv } from '../validation.js';

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;

export const validateUserToken = ajv.compile<LoginWithWeChatCommand>({
  type: 'object',
  properties: { code: text(128) },
  required: ['code'],
} satisfies JSONSchemaType<LoginWithWeChatCommand>);

export const validateAppToken = ajv.compile<IssueAppTokenCommand>({
  type: 'object',
  properties: { ac: text(64), se: text(128) },
  required: ['ac', 'se'],
} satisfies JSONSchemaType<IssueAppTokenCommand>);

export const validateVerifyToken = ajv.compile<VerifyTokenCommand>({
  type: 'object',
  properties: { token: text(256) },
  required: ['token'],
} satisfies JSONSchemaType<VerifyTokenCommand>);

