import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ListeningSandbox, type Sandbox, type SandboxOptions, createSandbox } from '../../sandbox/index.js';
import type { PrepayRequest } from '../../src/application/index.js';
import {
  V3NotificationRejected,
  type WeChatPayV3Options,
  type WeChatPayV3Settings,
  createWeChatPayV3,
  loadPrivateKey,
  loadPublicKey,
} from '../../src/adapters/wechat/v3/index.js';
import { NOW } from '../support/wechat-sandbox.js';

export { NOW };

export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** What the merchant's codec made of it: the decoded notification, or the rejection reason. */
  readonly outcome: unknown;
}

/** A v3 merchant endpoint: decodes with `decode`, answers 204 when it can and 401 otherwise (or as `forced` says); v2 XML gets SUCCESS. */
export interface V3Receiver {
  readonly url: string;
  readonly received: Received[];
  /** Statuses to answer instead, one per request while they last (e.g. [500] for one failure). */
  readonly forced: number[];
  decodeWith(decode: (request: { headers: IncomingHttpHeaders; body: string }, path: string) => Promise<unknown>): void;
  close(): Promise<void>;
}

export async function startV3Receiver(): Promise<V3Receiver> {
  const received: Received[] = [];
  const forced: number[] = [];
  let decode: (request: { headers: IncomingHttpHeaders; body: string }, path: string) => Promise<unknown> = async () => null;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = request.url ?? '/';
      const outcome = await decode({ headers: request.headers, body }, path).catch((error: unknown) =>
        error instanceof V3NotificationRejected ? { rejected: error.reason } : { error: String(error) },
      );
      received.push({ path, headers: request.headers, body, outcome });
      const refused = typeof outcome === 'object' && outcome !== null && ('rejected' in outcome || 'error' in outcome);
      if (body.startsWith('<xml>')) {
        // A v2 notification (the v2 order of a mixed book): v2 reads return_code, not the status.
        response.writeHead(200, { 'content-type': 'text/xml' }).end('<xml><return_code><![CDATA[SUCCESS]]></return_code></xml>');
        return;
      }
      const status = forced.shift() ?? (refused ? 401 : 204);
      response.writeHead(status, { 'content-type': 'application/json' }).end(status < 300 ? '' : JSON.stringify({ code: 'FAIL', message: 'refused' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    forced,
    decodeWith: (next) => {
      decode = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface RunningV3Sandbox {
  readonly sandbox: Sandbox;
  readonly listening: ListeningSandbox;
  readonly receiver: V3Receiver;
  /** The shop's v3 parts pointed at the sandbox, from the sandbox's own merchant settings; public-key mode unless told. */
  v3(settings?: Partial<WeChatPayV3Settings>, options?: WeChatPayV3Options): ReturnType<typeof createWeChatPayV3>;
  close(): Promise<void>;
}

/** A seeded v3 sandbox on loopback (injected clock, fast retries) and a v3 merchant endpoint for its notifications. */
export async function startV3Sandbox(options: SandboxOptions = {}): Promise<RunningV3Sandbox> {
  const sandbox = createSandbox({ seed: 'v3', timeScale: 0.001, now: () => NOW, refundSettleSeconds: null, ...options });
  const listening = await sandbox.listen(0);
  const receiver = await startV3Receiver();
  const { merchant, merchantV3 } = sandbox;
  const v3 = (settings: Partial<WeChatPayV3Settings> = {}, v3Options: WeChatPayV3Options = {}) =>
    createWeChatPayV3(
      {
        appId: merchant.appId,
        mchId: merchant.mchId,
        mchSerial: merchantV3.mchSerial,
        privateKey: loadPrivateKey(merchantV3.privateKeyPath, 'WECHAT_PAY_PRIVATE_KEY'),
        apiV3Key: merchantV3.apiV3Key,
        publicKey: { id: merchantV3.publicKeyId, key: loadPublicKey(merchantV3.publicKeyPath, 'WECHAT_PAY_PUBLIC_KEY') },
        payApiBase: listening.url,
        notifyUrl: `${receiver.url}/api/v1/pay/notify`,
        refundNotifyUrl: `${receiver.url}/api/v1/pay/refund_notify`,
        ...settings,
      },
      { now: () => NOW, maxRetries: 0, backoffMs: 1, timeoutMs: 2_000, ...v3Options },
    );
  return {
    sandbox,
    listening,
    receiver,
    v3,
    async close() {
      await sandbox.close();
      await receiver.close();
    },
  };
}

export function prepayRequest(outTradeNo: string, totalFee = 2590): PrepayRequest {
  return { outTradeNo, totalFee, body: '沙箱商品', openid: 'oSandboxV3User', clientIp: '127.0.0.1', timeExpire: new Date(NOW.getTime() + 30 * 60_000) };
}

/** Decodes payment notifications on /api/v1/pay/notify and refund ones elsewhere, with the parts given. */
export function codecsOf(v3: ReturnType<typeof createWeChatPayV3>) {
  return (request: { headers: IncomingHttpHeaders; body: string }, path: string): Promise<unknown> =>
    path.endsWith('/refund_notify') ? v3.refundNotifications.decode(request) : v3.paymentNotifications.decode(request);
}
