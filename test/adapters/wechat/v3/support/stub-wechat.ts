import { verify } from 'node:crypto';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MCH_ID, MERCHANT, PLATFORM_A, PUBKEY, type SigningKey } from './keys.js';
import { type SignOptions, wechatpayHeaders } from './messages.js';

export interface StubRequest {
  readonly method: string;
  /** Path and query exactly as received (what the Authorization signature covers). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Whether the Authorization header verifies with the merchant's public key. */
  readonly authorized: boolean;
}

export interface StubAnswer {
  readonly status?: number;
  readonly json?: unknown;
  readonly raw?: string;
  /** null: no Wechatpay-* headers; undefined: as WeChat signs (the public key when the request named it, else platform-a). */
  readonly signWith?: SigningKey | null;
  readonly sign?: SignOptions;
  /** Edits the body after it was signed. */
  readonly tamper?: (body: string) => string;
  /** Never answers. */
  readonly hang?: boolean;
}

export type StubHandler = (request: StubRequest) => StubAnswer | Promise<StubAnswer>;

export interface StubWeChat {
  readonly url: string;
  readonly requests: StubRequest[];
  handle(handler: StubHandler): void;
  close(): Promise<void>;
}

export interface StubOptions {
  /** The stub's clock, for the Wechatpay-Timestamp of its answers. */
  readonly now?: () => Date;
}

/** WeChat Pay v3 on 127.0.0.1 for one test: checks the shop's signature, signs its own answers. */
export async function startStubWeChat(
  initial: StubHandler = () => ({ status: 404, json: { code: 'NOT_FOUND', message: 'no handler' } }),
  options: StubOptions = {},
): Promise<StubWeChat> {
  let handler = initial;
  const requests: StubRequest[] = [];
  const server: Server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const request: StubRequest = {
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        headers: incoming.headers,
        body,
        authorized: authorizationVerifies(incoming.method ?? 'GET', incoming.url ?? '/', body, incoming.headers.authorization),
      };
      requests.push(request);
      const answer: StubAnswer = request.authorized ? await handler(request) : { status: 401, json: { code: 'SIGN_ERROR', message: '签名错误' } };
      if (answer.hang) return;
      const text = answer.raw ?? (answer.json === undefined ? '' : JSON.stringify(answer.json));
      const key = answer.signWith === undefined ? (request.headers['wechatpay-serial'] === PUBKEY.serial ? PUBKEY : PLATFORM_A) : answer.signWith;
      const headers: Record<string, string> = { 'content-type': 'application/json', 'request-id': 'stub-request' };
      const timestamp = options.now ? Math.floor(options.now().getTime() / 1000) : undefined;
      if (key) Object.assign(headers, wechatpayHeaders(text, { key, ...(timestamp !== undefined ? { timestamp } : {}), ...answer.sign }));
      response.writeHead(answer.status ?? 200, headers);
      response.end(answer.tamper ? answer.tamper(text) : text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The check WeChat makes on every request: WECHATPAY2-SHA256-RSA2048 by our merchant's key. */
function authorizationVerifies(method: string, url: string, body: string, header: string | undefined): boolean {
  const match = /^WECHATPAY2-SHA256-RSA2048 (.*)$/.exec(header ?? '');
  if (!match) return false;
  const fields = Object.fromEntries([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  if (fields.mchid !== MCH_ID || fields.serial_no !== MERCHANT.serial || !fields.signature) return false;
  const message = `${method}\n${url}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
  return verify('sha256', Buffer.from(message), MERCHANT.publicKey, Buffer.from(fields.signature, 'base64'));
}
