import { PaymentGatewayError } from '../../../../../src/application/index.js';
import { type WeChatPayV3Options, type WeChatPayV3Settings, createWeChatPayV3 } from '../../../../../src/adapters/wechat/v3/index.js';
import { rejectionOf } from '../../../../support/rejection.js';
import { API_V3_KEY, APP_ID, MCH_ID, MERCHANT, MERCHANT_SERIAL, NOW, PUBKEY } from './keys.js';

/** The v3 parts for the merchant of the tests, against `baseUrl`, in public-key mode unless told otherwise. */
export function v3For(baseUrl: string, settings: Partial<WeChatPayV3Settings> = {}, options: WeChatPayV3Options = {}) {
  return createWeChatPayV3(
    {
      appId: APP_ID,
      mchId: MCH_ID,
      mchSerial: MERCHANT_SERIAL,
      privateKey: MERCHANT.privateKey,
      apiV3Key: API_V3_KEY,
      publicKey: { id: PUBKEY.serial, key: PUBKEY.publicKey },
      payApiBase: baseUrl,
      notifyUrl: 'https://shop.example/api/v1/pay/notify',
      refundNotifyUrl: 'https://shop.example/api/v1/pay/refund_notify',
      ...settings,
    },
    { now: () => NOW, nonce: () => 'fixedNonce', maxRetries: 0, backoffMs: 1, timeoutMs: 2000, ...options },
  );
}

export const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, PaymentGatewayError);
