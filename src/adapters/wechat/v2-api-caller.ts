import { PaymentGatewayError } from '../../application/index.js';
import { postXml, postXmlWithCertificate } from './pay-transport.js';
import { randomNonce } from './nonce.js';
import { sign, verifySignature } from './sign.js';
import type { ClientCertificate, WeChatConfig } from './wechat.config.js';
import { MAX_XML_BYTES, type XmlFields, buildXmlMessage, parseXmlMessage } from './xml.js';

export type WeChatPayClientConfig = Pick<WeChatConfig, 'appId' | 'mchId' | 'signType' | 'notifyUrl' | 'payApiBase'> &
  Partial<Pick<WeChatConfig, 'refundNotifyUrl' | 'clientCertificate'>> & { readonly payKey: string };

export interface WeChatPayClientOptions {
  /** Per request, including reading the answer. */
  readonly timeoutMs?: number;
  /** Further tries after a SYSTEMERROR, a timeout or a network failure. */
  readonly maxRetries?: number;
  /** The first pause before a retry; it doubles each time. */
  readonly backoffMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  readonly nonce?: () => string;
  /** A CA to trust for the mutual-TLS refund calls instead of the system's; for tests only. */
  readonly trustedCa?: string;
}

/**
 * Sends one signed v2 XML request and believes only a signed answer for this merchant; retries
 * SYSTEMERROR, time-outs and network failures with a doubling pause. The client interprets results.
 */
export class V2ApiCaller {
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly backoffMs: number;
  private readonly fetch: typeof fetch;
  private readonly nonce: () => string;
  private readonly trustedCa: string | undefined;

  constructor(private readonly config: WeChatPayClientConfig, options: WeChatPayClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxRetries = options.maxRetries ?? 2;
    this.backoffMs = options.backoffMs ?? 300;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.nonce = options.nonce ?? randomNonce;
    this.trustedCa = options.trustedCa;
  }

  /** Signs and sends one request, retrying transient failures; answers verified fields. */
  async call(path: string, fields: Record<string, string>): Promise<XmlFields> {
    let lastError: PaymentGatewayError | null = null;
    for (let attempt = 0; attempt <= this.maxRetries; attempt++) {
      if (attempt > 0) await sleep(this.backoffMs * 2 ** (attempt - 1));
      try {
        const answer = await this.send(path, fields);
        if (answer.result_code === 'FAIL' && answer.err_code === 'SYSTEMERROR') {
          lastError = new PaymentGatewayError('SYSTEMERROR', `${path}: ${answer.err_code_des ?? 'SYSTEMERROR'}`);
          continue;
        }
        return answer;
      } catch (error) {
        if (!(error instanceof TransientFailure)) throw error;
        lastError = error.failure;
      }
    }
    throw lastError ?? new PaymentGatewayError('COMMUNICATION', `${path}: no answer`);
  }

  private async send(path: string, fields: Record<string, string>): Promise<XmlFields> {
    const message: Record<string, string> = {
      ...fields,
      appid: this.config.appId,
      mch_id: this.config.mchId,
      nonce_str: this.nonce(),
      sign_type: this.config.signType,
    };
    message.sign = sign(message, this.config.payKey, this.config.signType);

    let text: string;
    try {
      const answer = await this.post(path, buildXmlMessage(message));
      text = answer.text;
      if (answer.status >= 500) throw new TransientFailure('COMMUNICATION', `${path}: HTTP ${answer.status}`);
      if (answer.status !== 200) throw new PaymentGatewayError('COMMUNICATION', `${path}: HTTP ${answer.status}`);
    } catch (error) {
      if (error instanceof PaymentGatewayError || error instanceof TransientFailure) throw error;
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new TransientFailure('TIMEOUT', `${path}: no answer within ${this.timeoutMs} ms`);
      }
      if (name === 'BodyTooLarge') throw new PaymentGatewayError('INVALID_RESPONSE', `${path}: ${(error as Error).message}`);
      // Connection refused or reset: nothing was processed, or the same request is safe to repeat.
      throw new TransientFailure('COMMUNICATION', `${path}: ${(error as Error).message}`);
    }
    return this.verified(path, text);
  }

  /** `/secapi/…` over HTTPS needs the merchant certificate; the sandbox speaks plain HTTP on loopback. */
  private post(path: string, body: string) {
    const url = `${this.config.payApiBase}${path}`;
    if (!path.startsWith('/secapi/') || url.startsWith('http://')) return postXml(this.fetch, url, body, this.timeoutMs, MAX_XML_BYTES);
    const certificate: ClientCertificate | null | undefined = this.config.clientCertificate;
    if (!certificate) {
      throw new PaymentGatewayError('COMMUNICATION', `${path} needs the merchant certificate: set WECHAT_PAY_CLIENT_P12 (or WECHAT_PAY_CLIENT_CERT and WECHAT_PAY_CLIENT_KEY)`);
    }
    return postXmlWithCertificate(url, body, this.timeoutMs, MAX_XML_BYTES, {
      certificate,
      ...(this.trustedCa ? { trustedCa: this.trustedCa } : {}),
    });
  }

  private verified(path: string, text: string): XmlFields {
    let answer: XmlFields;
    try {
      answer = parseXmlMessage(text);
    } catch (error) {
      throw new PaymentGatewayError('INVALID_RESPONSE', `${path}: ${(error as Error).message}`);
    }
    if (answer.return_code !== 'SUCCESS') {
      // Unsigned by design: WeChat did not process the request (bad signature, missing field, …).
      throw new PaymentGatewayError('COMMUNICATION', `${path}: ${answer.return_msg ?? 'return_code FAIL'}`);
    }
    if (!verifySignature(answer, this.config.payKey, this.config.signType)) {
      throw new PaymentGatewayError('INVALID_RESPONSE', `${path}: the answer's signature does not verify`);
    }
    if (answer.appid !== this.config.appId || answer.mch_id !== this.config.mchId) {
      throw new PaymentGatewayError('INVALID_RESPONSE', `${path}: the answer is for another merchant`);
    }
    return answer;
  }
}

/** A failure worth another try; what the caller finally sees is `failure`. */
class TransientFailure extends Error {
  readonly failure: PaymentGatewayError;
  constructor(reason: 'TIMEOUT' | 'COMMUNICATION', message: string) {
    super(message);
    this.failure = new PaymentGatewayError(reason, message);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
