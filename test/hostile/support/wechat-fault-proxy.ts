import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildXmlMessage, sign } from '../../../src/adapters/wechat/index.js';
import type { Merchant } from './notify-messages.js';

/** What `/pay/unifiedorder` does: pass to the sandbox, swallow the answer, or refuse with SYSTEMERROR. */
export type UnifiedOrderFault = 'none' | 'timeout' | 'systemerror';

export interface WeChatFaultProxy {
  readonly url: string;
  fault: UnifiedOrderFault;
  /** unifiedorder requests seen, whatever the fault. */
  unifiedOrders: number;
  close(): Promise<void>;
}

/**
 * Stands where WeChat's host would be, in front of a sandbox. With `timeout` it still hands the
 * order to the sandbox (WeChat took it) but never answers; with `systemerror` it answers as
 * WeChat does when it is overloaded, correctly signed.
 */
export async function startWeChatFaultProxy(sandboxUrl: string, merchant: Merchant): Promise<WeChatFaultProxy> {
  const hanging = new Set<() => void>();
  const proxy: WeChatFaultProxy = { url: '', fault: 'none', unifiedOrders: 0, close: async () => undefined };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const isUnifiedOrder = request.url === '/pay/unifiedorder';
        if (isUnifiedOrder) proxy.unifiedOrders++;
        const fault = isUnifiedOrder ? proxy.fault : 'none';
        if (fault === 'systemerror') {
          const fields = { return_code: 'SUCCESS', return_msg: 'OK', appid: merchant.appId, mch_id: merchant.mchId, nonce_str: 'busybusybusy', result_code: 'FAIL', err_code: 'SYSTEMERROR', err_code_des: '系统超时' };
          response.writeHead(200, { 'content-type': 'text/xml' }).end(buildXmlMessage({ ...fields, sign: sign(fields, merchant.payKey) }));
          return;
        }
        const upstream = await fetch(sandboxUrl + (request.url ?? '/'), {
          method: request.method,
          headers: { 'content-type': request.headers['content-type'] ?? 'text/xml' },
          body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body,
        });
        const text = await upstream.text();
        if (fault === 'timeout') {
          // The order reached WeChat; its answer never comes back.
          hanging.add(() => response.destroy());
          return;
        }
        response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/xml' }).end(text);
      })().catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const drop of hanging) drop();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
