import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ListeningSandbox, type Sandbox, type SandboxOptions, createSandbox } from '../../sandbox/index.js';
import { WeChatPayClient, type WeChatPayClientOptions } from '../../src/adapters/wechat/wechat-pay.client.js';
import type { WeChatV2Config } from '../../src/adapters/wechat/wechat.config.js';

export const NOW = new Date('2026-11-24T12:00:00.000Z');

export interface RunningSandbox {
  sandbox: Sandbox;
  listening: ListeningSandbox;
  config: WeChatV2Config;
  client(options?: WeChatPayClientOptions, overrides?: Partial<WeChatV2Config>): WeChatPayClient;
}

/** A seeded sandbox on a loopback port and the shop's configuration pointing at it. */
export async function startSandbox(options: SandboxOptions = {}, notifyUrl = 'http://127.0.0.1:9/notify'): Promise<RunningSandbox> {
  const sandbox = createSandbox({ seed: 'test', timeScale: 0.001, now: () => NOW, ...options });
  const listening = await sandbox.listen(0);
  const config: WeChatV2Config = {
    ...sandbox.merchant,
    signType: 'MD5',
    notifyUrl,
    refundNotifyUrl: notifyUrl.replace(/notify$/, 'refund_notify'),
    clientCertificate: null,
    payApiBase: listening.url,
    apiBase: listening.url,
  };
  return {
    sandbox,
    listening,
    config,
    client: (clientOptions = {}, overrides = {}) =>
      new WeChatPayClient({ ...config, ...overrides }, { maxRetries: 0, backoffMs: 1, now: () => NOW, ...clientOptions }),
  };
}

export interface Receiver {
  url: string;
  bodies: string[];
  close(): Promise<void>;
}

/** A bare merchant endpoint: answers each notification with the next of `answers` (the last repeats). */
export async function startReceiver(answers: Array<{ status: number; body: string }>): Promise<Receiver> {
  const bodies: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      const answer = answers[Math.min(bodies.length, answers.length) - 1]!;
      response.writeHead(answer.status, { 'content-type': 'text/xml' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1/pay/notify`,
    bodies,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
