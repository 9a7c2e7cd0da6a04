import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { NotificationCodec, RawNotification } from '../adapters/http/http.deps.js';
import { KyselyCertificateStore } from '../adapters/kysely/kysely-certificate.store.js';
import { RedisCertificateStore } from '../adapters/redis/redis-certificate.store.js';
import {
  type CertificateStore,
  V3_ANSWER_CONTENT_TYPE,
  type WeChatConfig,
  type WeChatPayClientOptions,
  type WeChatPayV3,
  WeChatPayClient,
  answerV3,
  answerXml,
  createWeChatPayV3,
  decodePaymentNotification,
  decodeRefundNotification,
  isV2Notification,
  isV3Notification,
  v3RejectionStatus,
} from '../adapters/wechat/index.js';
import type { Clock, PaymentGateway, RefundGateway, VerifiedPaymentNotification, VerifiedRefundNotification } from '../application/index.js';
import type { AppConfig } from '../config.js';
import type { ProductionResources } from './production.resources.js';

/**
 * WeChat Pay as this shop speaks it:
 *
 * - `gateway`: the client behind PaymentGateway and RefundGateway, v2 or v3 by WECHAT_PAY_API_VERSION;
 * - `paymentNotifications` / `refundNotifications`: every format whose keys are set, the client's
 *   first, so one notify URL settles orders placed under either (a merchant moving to v3, or a
 *   rolling deploy with instances of both);
 * - `start()` / `stop()`: in platform-certificate mode the certificates are downloaded (once for all
 *   instances, kept in Redis or the database) before the shop takes requests, and checked hourly.
 */
export interface WeChatPay {
  readonly gateway: PaymentGateway & RefundGateway;
  readonly paymentNotifications: readonly NotificationCodec<VerifiedPaymentNotification>[];
  readonly refundNotifications: readonly NotificationCodec<VerifiedRefundNotification>[];
  /** The v3 parts (signer, validator, certificate manager) when v3 keys are set; null otherwise. */
  readonly v3: WeChatPayV3 | null;
  start(): Promise<void>;
  stop(): void;
}

export interface WeChatPayOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  /** A test's patience for WeChat (timeouts, retries); the configuration's otherwise. */
  readonly payClient?: Pick<WeChatPayClientOptions, 'timeoutMs' | 'maxRetries' | 'backoffMs'>;
}

export function wechatPayOf(config: AppConfig, wechat: WeChatConfig, resources: ProductionResources, options: WeChatPayOptions): WeChatPay {
  const now = () => options.clock.now();
  const patience = { timeoutMs: config.wechatPayTimeoutMs, maxRetries: config.wechatPayRetries, ...options.payClient };
  const { payKey } = wechat;
  const v2 = payKey === null ? null : { ...wechat, payKey };
  const v3 = wechat.v3
    ? createWeChatPayV3(
        {
          appId: wechat.appId,
          mchId: wechat.mchId,
          mchSerial: wechat.v3.mchSerial,
          privateKey: wechat.v3.privateKey,
          apiV3Key: wechat.v3.apiV3Key,
          publicKey: wechat.v3.publicKey,
          platformCertificates: wechat.v3.platformCertificates,
          payApiBase: wechat.payApiBase,
          notifyUrl: wechat.notifyUrl,
          refundNotifyUrl: wechat.refundNotifyUrl,
        },
        {
          now,
          ...patience,
          certificateStore: certificateStoreOf(wechat, resources),
          onCertificateError: (error) => options.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'WeChat Pay platform certificates: refresh failed'),
        },
      )
    : null;

  let gateway: PaymentGateway & RefundGateway;
  if (wechat.apiVersion === 'v3') {
    if (!v3) throw new Error('WeChat Pay v3 is selected without its keys'); // loadWeChatConfig requires them
    gateway = v3.client;
  } else {
    if (!v2) throw new Error('WeChat Pay v2 is selected without its key'); // loadWeChatConfig requires it
    gateway = new WeChatPayClient(v2, { ...patience, now });
  }

  const payments: NotificationCodec<VerifiedPaymentNotification>[] = [];
  const refunds: NotificationCodec<VerifiedRefundNotification>[] = [];
  if (v2) {
    payments.push({ ...v2Format, decode: ({ body }) => decodePaymentNotification(body.toString('utf8'), v2) });
    refunds.push({ ...v2Format, decode: ({ body }) => decodeRefundNotification(body.toString('utf8'), v2) });
  }
  if (v3) {
    payments.push({ ...v3Format, decode: (raw) => v3.paymentNotifications.decode(raw) });
    refunds.push({ ...v3Format, decode: (raw) => v3.refundNotifications.decode(raw) });
  }
  // The client's own format first: it answers what neither recognizes.
  if (wechat.apiVersion === 'v3') [payments, refunds].forEach((list) => list.reverse());

  return {
    gateway,
    paymentNotifications: payments,
    refundNotifications: refunds,
    v3,
    async start() {
      await v3?.certificates?.start();
    },
    stop() {
      v3?.certificates?.stop();
    },
  };
}

const v2Format = {
  protocol: 'v2',
  recognizes: ({ headers, body }: RawNotification) => isV2Notification(headers, body),
  answer: answerXml,
} as const;

const v3Format = {
  protocol: 'v3',
  recognizes: ({ headers, body }: RawNotification) => isV3Notification(headers, body),
  answer: answerV3,
  contentType: V3_ANSWER_CONTENT_TYPE,
  successStatus: 204,
  rejectionStatus: v3RejectionStatus,
} as const;

/**
 * Where downloaded platform certificates live so every instance trusts the same set: Redis when
 * the shop has it, else the database (the embedded SQLite file is shared with `npm run jobs`).
 * Keyed by merchant and WeChat host, so a staging WeChat never lends its certificates to production.
 */
function certificateStoreOf(wechat: WeChatConfig, { redis, database }: ProductionResources): CertificateStore {
  const key = `${wechat.mchId}:${createHash('sha256').update(wechat.payApiBase).digest('hex').slice(0, 16)}`;
  return redis ? new RedisCertificateStore(redis, key) : new KyselyCertificateStore(database.db, key);
}
