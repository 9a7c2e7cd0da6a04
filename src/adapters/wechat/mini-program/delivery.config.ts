import type { DeliveryConfig, DeliveryMessageConfig } from '../../../application/index.js';
import { ConfigError } from '../../../config-error.js';
import { DELIVERY_FACTS, type DeliveryFact, type LogisticsType, templateFieldKind } from '../../../domain/index.js';
import { pushAesKey } from '../message-push.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The message push settings: its Token and, for the safe mode, the EncodingAESKey's key. */
export interface PushSettings {
  readonly token: string;
  readonly aesKey: Buffer | null;
}

export interface MiniProgramSettings {
  readonly delivery: DeliveryConfig;
  /** Null without WECHAT_PUSH_TOKEN: the push endpoint takes nothing. */
  readonly push: PushSettings | null;
}

const LOGISTICS_NAMES: Readonly<Record<string, LogisticsType>> = {
  express: 'EXPRESS',
  same_city: 'SAME_CITY',
  virtual: 'VIRTUAL',
  self_pickup: 'SELF_PICKUP',
};

/**
 * Delivery, subscribe-message and message-push settings, checked at start-up: a bad one is a
 * ConfigError naming its variable.
 */
export function loadMiniProgramSettings(env: Env): MiniProgramSettings {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const logistics = read('DELIVERY_LOGISTICS_TYPE');
  if (logistics !== undefined && !LOGISTICS_NAMES[logistics]) {
    throw new ConfigError('DELIVERY_LOGISTICS_TYPE', `must be one of ${Object.keys(LOGISTICS_NAMES).join(', ')}, got "${logistics}"`);
  }
  const retry = read('SHIPPING_UPLOAD_RETRY_SECONDS') ?? '60';
  if (!/^\d+$/.test(retry) || Number(retry) < 1 || Number(retry) > 3600) {
    throw new ConfigError('SHIPPING_UPLOAD_RETRY_SECONDS', `must be an integer from 1 to 3600, got "${retry}"`);
  }
  return {
    delivery: {
      defaultLogisticsType: logistics === undefined ? null : (LOGISTICS_NAMES[logistics] ?? null),
      message: messageConfig(read),
      uploadRetrySeconds: Number(retry),
    },
    push: pushSettings(read),
  };
}

function messageConfig(read: (name: string) => string | undefined): DeliveryMessageConfig | null {
  const templateId = read('WECHAT_SUBSCRIBE_TEMPLATE_ID');
  const fields = read('WECHAT_SUBSCRIBE_FIELDS');
  if (templateId === undefined && fields === undefined) return null;
  if (templateId === undefined) throw new ConfigError('WECHAT_SUBSCRIBE_TEMPLATE_ID', 'is not set, but WECHAT_SUBSCRIBE_FIELDS is: name the delivery template');
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(templateId)) throw new ConfigError('WECHAT_SUBSCRIBE_TEMPLATE_ID', 'must be a template id (letters, digits, - and _)');
  if (fields === undefined) {
    throw new ConfigError('WECHAT_SUBSCRIBE_FIELDS', 'is not set: map each template field to what it shows, like thing1=goods,character_string2=order_no,time3=shipped_at');
  }
  const state = read('WECHAT_SUBSCRIBE_STATE') ?? 'formal';
  if (state !== 'formal' && state !== 'trial' && state !== 'developer') {
    throw new ConfigError('WECHAT_SUBSCRIBE_STATE', `must be formal, trial or developer, got "${state}"`);
  }
  const page = read('WECHAT_SUBSCRIBE_PAGE') ?? null;
  if (page !== null && (page.length > 512 || /\s/.test(page))) throw new ConfigError('WECHAT_SUBSCRIBE_PAGE', 'must be a mini-program page path like pages/order/detail?id={id}');
  return { templateId, fields: fieldMapping(fields), page, miniprogramState: state };
}

function fieldMapping(raw: string): Readonly<Record<string, DeliveryFact>> {
  const mapping: Record<string, DeliveryFact> = {};
  for (const entry of raw.split(',')) {
    const [key = '', fact = '', ...rest] = entry.split('=').map((part) => part.trim());
    if (rest.length > 0 || !templateFieldKind(key)) {
      throw new ConfigError('WECHAT_SUBSCRIBE_FIELDS', `"${entry.trim()}" must be <template key>=<fact>, the key like thing1, character_string2 or time3`);
    }
    if (!(DELIVERY_FACTS as readonly string[]).includes(fact)) {
      throw new ConfigError('WECHAT_SUBSCRIBE_FIELDS', `"${key}" shows "${fact}", which is none of ${DELIVERY_FACTS.join(', ')}`);
    }
    if (mapping[key]) throw new ConfigError('WECHAT_SUBSCRIBE_FIELDS', `names ${key} twice`);
    mapping[key] = fact as DeliveryFact;
  }
  return mapping;
}

function pushSettings(read: (name: string) => string | undefined): PushSettings | null {
  const token = read('WECHAT_PUSH_TOKEN');
  const aes = read('WECHAT_PUSH_AES_KEY');
  if (token === undefined) {
    if (aes !== undefined) throw new ConfigError('WECHAT_PUSH_TOKEN', 'is not set, but WECHAT_PUSH_AES_KEY is: the safe mode signs with the token too');
    return null;
  }
  if (!/^[A-Za-z0-9]{3,32}$/.test(token)) throw new ConfigError('WECHAT_PUSH_TOKEN', 'must be 3 to 32 letters or digits, as the mini-program console takes it');
  if (aes === undefined) return { token, aesKey: null };
  const aesKey = pushAesKey(aes);
  if (!aesKey) throw new ConfigError('WECHAT_PUSH_AES_KEY', 'must be the 43-character EncodingAESKey of the mini-program console');
  return { token, aesKey };
}
