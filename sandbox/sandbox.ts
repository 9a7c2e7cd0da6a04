import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import { notifyUrlAllowed } from './notify-target.js';
import { type Delivery, Notifier } from './notifier.js';
import { sandboxApp } from './sandbox.app.js';
import { SANDBOX_CREDENTIALS } from './sandbox.config.js';
import type { SandboxMerchant } from './sandbox-merchant.js';
import { type SandboxOrder, SandboxOrders } from './sandbox-orders.js';
import { type FailOptions, SandboxFaults, type StallOptions } from './sandbox-faults.js';
import { SandboxPayApi } from './sandbox-pay.api.js';
import { type OrderRef, type PayOptions, type PaymentOutcome, SandboxPayments } from './sandbox-payments.js';
import { type SandboxRefund, SandboxRefunds } from './sandbox-refunds.js';
import { SeededRandom } from './seeded-random.js';

export interface SandboxOptions {
  /** The merchant it plays; the documented sandbox credentials by default. */
  readonly merchant?: Partial<SandboxMerchant>;
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
}

export interface ListeningSandbox {
  /** Base URL for both WeChat hosts, e.g. `http://127.0.0.1:3001`. */
  readonly url: string;
  close(): Promise<void>;
}

export interface Sandbox {
  readonly app: Koa;
  readonly merchant: SandboxMerchant;
  listen(port?: number, host?: string): Promise<ListeningSandbox>;
  /** Pays an order (by out_trade_no, or `{ prepayId }`) and starts its notification. */
  pay(ref: string | OrderRef, result?: 'SUCCESS' | 'FAIL', options?: PayOptions): PaymentOutcome;
  sendDuplicate(ref: string | OrderRef): Delivery;
  sendLate(ref: string | OrderRef, afterSeconds: number): Delivery;
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
  /** Resolves when no notification is waiting for a retry or in flight. */
  idle(): Promise<void>;
  /** Stops pending notification retries and closes every server `listen` opened. */
  close(): Promise<void>;
}

/** A local stand-in for WeChat's merchant and mini-program APIs. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const merchant: SandboxMerchant = { ...SANDBOX_CREDENTIALS, ...options.merchant };
  const now = options.now ?? (() => new Date());
  const random = new SeededRandom(options.seed);
  const orders = new SandboxOrders();
  const allowUrl = (url: string) => notifyUrlAllowed(url, options.extraNotifyUrls ?? []);
  const notifier = new Notifier({
    timeScale: options.timeScale ?? 1,
    timeoutMs: options.notifyTimeoutMs ?? 5_000,
    allowUrl,
    now,
  });
  const refunds = new SandboxRefunds(merchant, orders, notifier, random, now, {
    settleAfterSeconds: options.refundSettleSeconds === undefined ? 60 : options.refundSettleSeconds,
    timeScale: options.timeScale ?? 1,
    notifyUrlAllowed: allowUrl,
  });
  const payApi = new SandboxPayApi(merchant, orders, random, now, allowUrl, refunds);
  const payments = new SandboxPayments(merchant, orders, notifier, random, now);
  const faults = new SandboxFaults();
  const app = sandboxApp({ merchant, orders, payApi, payments, notifier, refunds, faults });
  const servers = new Set<Server>();
  const refOf = (ref: string | OrderRef): OrderRef => (typeof ref === 'string' ? { outTradeNo: ref } : ref);

  return {
    app,
    merchant,
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
    sendDuplicate: (ref) => payments.notifyAgain(refOf(ref), 'DUPLICATE'),
    sendLate: (ref, afterSeconds) => payments.notifyAgain(refOf(ref), 'LATE', afterSeconds),
    notifications: () => notifier.list(),
    orders: () => orders.list(),
    refunds: () => refunds.list(),
    settleRefund: (outRefundNo, status) => refunds.settle(outRefundNo, status),
    stall: (path, stallOptions) => faults.stall(path, stallOptions),
    fail: (path, failOptions) => faults.fail(path, failOptions),
    calls: () => faults.counts(),
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
