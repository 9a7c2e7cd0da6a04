/**
 * One v3 call as the client needs it: signed and sent by the transport, retried with backoff when
 * retrying is safe (timeouts, refused connections, 5xx, SYSTEM_ERROR), and checked by the
 * validator before anything in it is believed.
 *
 *   const caller = new ApiCaller(transport, validator, { maxRetries: 2, backoffMs: 300 });
 *   const { status, json, error } = await caller.call({ method: 'GET', path });
 *
 * Resolves with a verified answer: `json` for 2xx (null when empty, as a 204), `error` for a
 * signed 4xx. Throws PaymentGatewayError otherwise: TIMEOUT, COMMUNICATION, SYSTEMERROR after
 * the last try; INVALID_RESPONSE for an answer whose signature fails or that is not JSON.
 */
import { PaymentGatewayError } from '../../../application/index.js';
import { BodyTooLarge } from '../http-body.js';
import { type WeChatError, isSystemError, parseWeChatError } from './gateway-errors.js';
import { SignatureRejected } from './signature.error.js';
import type { RawAnswer, V3Request, V3Transport } from './transport.js';
import type { WechatPayValidator } from './validator.js';

export interface ApiCallerOptions {
  /** Further tries after a transient failure. */
  readonly maxRetries?: number;
  /** The first pause before a retry; it doubles each time. */
  readonly backoffMs?: number;
}

export interface VerifiedAnswer {
  readonly status: number;
  readonly json: Record<string, unknown> | null;
  readonly error?: WeChatError;
}

export class ApiCaller {
  private readonly maxRetries: number;
  private readonly backoffMs: number;

  constructor(
    private readonly transport: V3Transport,
    private readonly validator: WechatPayValidator,
    options: ApiCallerOptions = {},
  ) {
    this.maxRetries = options.maxRetries ?? 2;
    this.backoffMs = options.backoffMs ?? 300;
  }

  async call(request: V3Request): Promise<VerifiedAnswer> {
    const label = `${request.method} ${request.path.split('?')[0]}`;
    let lastFailure: PaymentGatewayError | null = null;
    for (let attempt = 0; attempt <= this.maxRetries; attempt++) {
      if (attempt > 0) await sleep(this.backoffMs * 2 ** (attempt - 1));
      try {
        return await this.once(request, label);
      } catch (error) {
        if (!(error instanceof TransientFailure)) throw error;
        lastFailure = error.failure;
      }
    }
    throw lastFailure ?? new PaymentGatewayError('COMMUNICATION', `${label}: no answer`);
  }

  private async once(request: V3Request, label: string): Promise<VerifiedAnswer> {
    let answer: RawAnswer;
    try {
      answer = await this.transport.send(request);
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new TransientFailure('TIMEOUT', `${label}: no answer in time`);
      if (error instanceof BodyTooLarge) throw new PaymentGatewayError('INVALID_RESPONSE', `${label}: ${error.message}`);
      // Refused or reset: nothing was processed, or the same request is safe to repeat.
      throw new TransientFailure('COMMUNICATION', `${label}: ${(error as Error).message}`);
    }
    const rejection = await this.validator.validate(answer.headers, answer.body).then(
      () => null,
      (error: unknown) => {
        if (error instanceof SignatureRejected) return error;
        throw error;
      },
    );
    const { status } = answer;
    if (status >= 200 && status < 300) {
      if (rejection) throw new PaymentGatewayError('INVALID_RESPONSE', `${label}: the answer's signature does not verify (${rejection.reason}: ${rejection.message})`);
      return { status, json: parseObject(answer.body, label) };
    }
    const error = parseWeChatError(answer.body);
    if (rejection) {
      // A proxy's 502 or a forged error: say what came, believe none of it.
      const text = `${label}: HTTP ${status} ${error.code}, not believed: ${rejection.reason}`;
      if (status >= 500) throw new TransientFailure('COMMUNICATION', text);
      throw new PaymentGatewayError(rejection.reason === 'MISSING_HEADER' ? 'COMMUNICATION' : 'INVALID_RESPONSE', text);
    }
    if (status >= 500 || isSystemError(error.code)) throw new TransientFailure('SYSTEMERROR', `${label}: ${error.code}: ${error.message}`);
    return { status, json: null, error };
  }
}

function parseObject(body: Buffer, label: string): Record<string, unknown> | null {
  if (body.length === 0) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new PaymentGatewayError('INVALID_RESPONSE', `${label}: the answer is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new PaymentGatewayError('INVALID_RESPONSE', `${label}: the answer is not a JSON object`);
  return parsed as Record<string, unknown>;
}

/** A failure worth another try; what the caller finally sees is `failure`. */
class TransientFailure extends Error {
  readonly failure: PaymentGatewayError;
  constructor(reason: 'TIMEOUT' | 'COMMUNICATION' | 'SYSTEMERROR', message: string) {
    super(message);
    this.failure = new PaymentGatewayError(reason, message);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
