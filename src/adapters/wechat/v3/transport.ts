/**
 * Sends signed v3 requests and hands back the raw answer: status, headers and the exact body bytes
 * (what the response signature covers). It neither retries nor believes anything; the client
 * (api-caller.ts) and the certificate manager do that.
 *
 *   const transport = new HttpTransport({ baseUrl, signer, wechatpaySerial: 'PUB_KEY_ID_…' });
 *   const answer = await transport.send({ method: 'GET', path: '/v3/certificates' });
 *
 * Failures are thrown as they come: fetch's TimeoutError/AbortError past `timeoutMs`, its
 * TypeError for a refused connection, BodyTooLarge past `maxBytes`.
 */
import { readBytesLimited } from '../http-body.js';
import type { RequestSigner } from './signer.js';

export interface V3Request {
  readonly method: 'GET' | 'POST';
  /** Path and query exactly as signed and sent, e.g. `/v3/pay/transactions/out-trade-no/X?mchid=1900000109`. */
  readonly path: string;
  /** The JSON text sent; undefined for GET. */
  readonly body?: string;
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
}

export interface V3Transport {
  send(request: V3Request): Promise<RawAnswer>;
}

export interface HttpTransportOptions {
  /** `https://api.mch.weixin.qq.com`, no trailing slash. */
  readonly baseUrl: string;
  readonly signer: RequestSigner;
  /**
   * Sent as the request's Wechatpay-Serial. In public-key mode it must be the public key id
   * (`PUB_KEY_ID_…`): WeChat then signs its answers with that key.
   */
  readonly wechatpaySerial?: string;
  readonly timeoutMs?: number;
  /** The largest answer read; WeChat's are a few KB. */
  readonly maxBytes?: number;
  readonly fetch?: typeof fetch;
}

export const DEFAULT_MAX_ANSWER_BYTES = 256 * 1024;

export class HttpTransport implements V3Transport {
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: HttpTransportOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_ANSWER_BYTES;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async send(request: V3Request): Promise<RawAnswer> {
    const body = request.body ?? '';
    const headers: Record<string, string> = {
      accept: 'application/json',
      // WeChat refuses v3 requests without a User-Agent.
      'user-agent': 'weshop-wechatpay-v3',
      authorization: this.options.signer.authorization(request.method, request.path, body),
    };
    if (request.method === 'POST') headers['content-type'] = 'application/json';
    if (this.options.wechatpaySerial) headers['wechatpay-serial'] = this.options.wechatpaySerial;
    const response = await this.fetch(`${this.options.baseUrl}${request.path}`, {
      method: request.method,
      headers,
      ...(request.method === 'POST' ? { body } : {}),
      signal: AbortSignal.timeout(this.timeoutMs),
      redirect: 'error',
    });
    return { status: response.status, headers: response.headers, body: await readBytesLimited(response, this.maxBytes) };
  }
}
