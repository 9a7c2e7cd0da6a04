import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import { notifyUrlAllowed } from './notify-target.js';
import { type Delivery, Notifier } from './notifier.js';
import { sandboxApp } from './sandbox.app.js';
import { SANDBOX_CREDENTIALS, SANDBOX_MERCHANT_V3, type SandboxMerchantV3, type SandboxV3Mode } from './sandbox.config.js';
import type { SandboxMerchant } from './sandbox-merchant.js';
import { V2Messages } from './sandbox-messages.v2.js';
import { type SandboxOrder, SandboxOrders } from './sandbox-orders.js';
import { type FailOptions, SandboxFaults, type StallOptions } from './sandbox-faults.js';
import { SandboxPayApi } from './sandbox-pay.api.js';
import { type NotifyOptions, type OrderRef, type PayOptions, type PaymentOutcome, SandboxPayments } from './sandbox-payments.js';
import { type SandboxRefund, SandboxRefunds } from './sandbox-refunds.js';
import { SeededRandom } from './seeded-random.js';
import { type MiniProgramParts } from './mini-program/mp-api.js';
import { SandboxSubscribeMessages } from './mini-program/mp-messages.js';
import { SandboxPusher } from './mini-program/mp-push.js';
import { SandboxShipping } from './mini-program/mp-shipping.js';
import { SandboxAccessTokens } from './mini-program/mp-tokens.js';
import { type V3State, v3State } from './v3/v3-control.js';
import { SandboxV3Keys } from './v3/v3-keys.js';
import { V3Messages } from './v3/v3-messages.js';
import { SandboxV3PayApi } from './v3/v3-pay.api.js';
import { SandboxV3RefundApi } from './v3/v3-refunds.api.js';
import { wechatpayHeaders } from './v3/v3-wire.js';

export interface SandboxOptions {
  /** The merchant it plays; the documented sandbox credentials by default. */
  readonly merchant?: Partial<SandboxMerchant>;
  /** Its WeChat Pay v3 side (APIv3 key, mode, key material); SANDBOX_MERCHANT_V3 by default. */
  readonly v3?: Partial<SandboxMerchantV3>;
  /** Same seed, same nonces, prepay ids and transaction ids. */
  readonly seed?: string;
  /** Multiplies WeChat's notification delays: 1 is real time, 0.001 makes 15 s into 15 ms. */
  readonly timeScale?: number;
  /** Per notification POST. */
  readonly notifyTimeoutMs?: number;
  /** Notify URLs beyond loopback that it may call (exact strings). */
  readonly extraNotifyUrls?: readonly string[];
  readonly now?: () => Date;
  /** WeChat seconds (scaled) until a refund succeeds by itself; null: only `settleRefund` ends it. Default 60. */
  readonly refundSettleSeconds?: number | null;
  /** WeChat seconds after a payment during which `upload_shipping_info` answers 10060001 (it has not seen it yet). Default 0. */
  readonly shippingVisibleAfterSeconds?: number;
  /** Lifetime of an access token from `stable_token`; 7200 s by default. */
  readonly accessTokenSeconds?: number;
}

export interface ListeningSandbox {
  /** Base URL for both WeChat hosts, e.g. `http://127.0.0.1:3001`. */
  readonly url: string;
  close(): Promise<void>;
}

export interface Sandbox {
  readonly app: Koa;
  readonly merchant: SandboxMerchant;
  /** The v3 configuration it started with (`v3.state()` says where mode and certificates are now). */
  readonly merchantV3: SandboxMerchantV3;
  listen(port?: number, host?: string): Promise<ListeningSandbox>;
  /** Pays an order (by out_trade_no, or `{ prepayId }`) and starts its notification. */
  pay(ref: string | OrderRef, result?: 'SUCCESS' | 'FAIL', options?: PayOptions): PaymentOutcome;
  sendDuplicate(ref: string | OrderRef, options?: NotifyOptions): Delivery;
  sendLate(ref: string | OrderRef, afterSeconds: number, options?: NotifyOptions): Delivery;
  /** v3 orders: a `WECHATPAY/SIGNTEST/` probe claiming the order paid, sent once; a sound shop refuses it (state REFUSED). */
  sendSigntest(ref: string | OrderRef, options?: NotifyOptions): Delivery;
  /** WeChat's v3 keys: the merchant's mode and the platform-certificate rotation (same as /sandbox/v3/…). */
  readonly v3: {
    state(): V3State;
    setMode(mode: SandboxV3Mode): void;
    /** Serves the next platform certificate beside the current one and signs with it from now on. */
    rotateCertificate(): void;
    /** Ends the rotation: only the newest certificate stays. */
    dropOldCertificates(): void;
  };
  notifications(): readonly Delivery[];
  orders(): readonly SandboxOrder[];
  refunds(): readonly SandboxRefund[];
  /** Ends a PROCESSING refund (SUCCESS by default) and sends its encrypted notification. */
  settleRefund(outRefundNo: string, status?: 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE'): SandboxRefund;
  /** The next requests to a merchant API path get no answer, as when WeChat times out (see StallOptions). */
  stall(path: string, options?: StallOptions): void;
  /** The next requests to a merchant API path are refused with a signed err_code (SYSTEMERROR by default), unprocessed. */
  fail(path: string, options?: FailOptions): void;
  /** Requests received per merchant API path, e.g. `{'/secapi/pay/refund': 2}`. */
  calls(): Record<string, number>;
  /** WeChat's mini-program side: access tokens, shipping management, subscribe messages, message push (same as /sandbox/mini-program/…). */
  readonly miniProgram: Omit<MiniProgramParts, 'merchant' | 'orders' | 'now'>;
  /** Resolves when no notification is waiting for a retry or in flight. */
  idle(): Promise<void>;
  /** Stops pending notification retries and closes every server `listen` opened. */
  close(): Promise<void>;
}

/** A local stand-in for WeChat's merchant and mini-program APIs. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const merchant: SandboxMerchant = { ...SANDBOX_CREDENTIALS, ...options.merchant };
  const merchantV3: SandboxMerchantV3 = { ...SANDBOX_MERCHANT_V3, ...options.v3 };
  const keys = new SandboxV3Keys(merchantV3);
  const now = options.now ?? (() => new Date());
  const random = new SeededRandom(options.seed);
  const orders = new SandboxOrders();
  const allowUrl = (url: string) => notifyUrlAllowed(url, options.extraNotifyUrls ?? []);
  const notifier = new Notifier({
    timeScale: options.timeScale ?? 1,
    timeoutMs: options.notifyTimeoutMs ?? 5_000,
    allowUrl,
    now,
    headersFor: (delivery) => wechatpayHeaders(delivery.body, keys.forNotification(delivery.signWith), now(), delivery.kind === 'SIGNTEST'),
  });
  const messages = { v2: new V2Messages(merchant, random), v3: new V3Messages(merchant, keys.apiV3Key, random, now) };
  const refunds = new SandboxRefunds(orders, notifier, messages, random, now, {
    settleAfterSeconds: options.refundSettleSeconds === undefined ? 60 : options.refundSettleSeconds,
    timeScale: options.timeScale ?? 1,
  });
  const payApi = new SandboxPayApi(merchant, orders, random, now, allowUrl, refunds);
  const payments = new SandboxPayments(orders, notifier, messages, random, now);
  const faults = new SandboxFaults();
  const v3 = {
    merchant,
    keys,
    faults,
    now,
    payApi: new SandboxV3PayApi(merchant, orders, random, now, allowUrl),
    refundApi: new SandboxV3RefundApi(refunds, allowUrl),
  };
  const miniProgram: MiniProgramParts = {
    merchant,
    orders,
    now,
    tokens: new SandboxAccessTokens(merchant, random, now, options.accessTokenSeconds ?? 7200),
    shipping: new SandboxShipping(merchant, orders, now, options.shippingVisibleAfterSeconds ?? 0),
    messages: new SandboxSubscribeMessages(),
    pusher: new SandboxPusher(merchant, random, now, allowUrl),
  };
  const app = sandboxApp({ merchant, orders, payApi, payments, notifier, refunds, faults, v3, miniProgram });
  const servers = new Set<Server>();
  const refOf = (ref: string | OrderRef): OrderRef => (typeof ref === 'string' ? { outTradeNo: ref } : ref);

  return {
    app,
    merchant,
    merchantV3,
    async listen(port = 0, host = '127.0.0.1') {
      const server = createServer(app.callback());
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      servers.add(server);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return {
        url: `http://${shownHost}:${address.port}`,
        close: () => closeServer(server).finally(() => servers.delete(server)),
      };
    },
    pay: (ref, result, payOptions) => payments.pay(refOf(ref), result, payOptions),
    sendDuplicate: (ref, notifyOptions) => payments.notifyAgain(refOf(ref), 'DUPLICATE', 0, notifyOptions),
    sendLate: (ref, afterSeconds, notifyOptions) => payments.notifyAgain(refOf(ref), 'LATE', afterSeconds, notifyOptions),
    sendSigntest: (ref, notifyOptions) => payments.probe(refOf(ref), notifyOptions),
    v3: {
      state: () => v3State(keys),
      setMode: (mode) => keys.setMode(mode),
      rotateCertificate: () => void keys.rotate(),
      dropOldCertificates: () => void keys.dropOld(),
    },
    notifications: () => notifier.list(),
    orders: () => orders.list(),
    refunds: () => refunds.list(),
    settleRefund: (outRefundNo, status) => refunds.settle(outRefundNo, status),
    stall: (path, stallOptions) => faults.stall(path, stallOptions),
    fail: (path, failOptions) => faults.fail(path, failOptions),
    calls: () => faults.counts(),
    miniProgram,
    idle: () => notifier.idle(),
    async close() {
      notifier.close();
      refunds.close();
      await Promise.all([...servers].map(closeServer));
      servers.clear();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
