/**
 * Checks a WeChat Pay v3 response or notification before anything in it is believed.
 *
 *   const validator = new WechatPayValidator(verifier, { now });
 *   await validator.validate(headers, rawBody)   → { serial, timestamp, nonce }, or throws SignatureRejected
 *
 * `headers` is a fetch `Headers` or a Node/Koa header record; `rawBody` the exact bytes received
 * (a string is taken as its UTF-8 bytes). The signature covers `timestamp\nnonce\nbody\n`, so the
 * body must not be parsed and re-serialized first.
 */
import { SignatureRejected } from './signature.error.js';
import { type Verifier, clip } from './verifier.js';

export type HeaderBag = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export const WECHATPAY_TIMESTAMP = 'Wechatpay-Timestamp';
export const WECHATPAY_NONCE = 'Wechatpay-Nonce';
export const WECHATPAY_SERIAL = 'Wechatpay-Serial';
export const WECHATPAY_SIGNATURE = 'Wechatpay-Signature';
/** WeChat sends probes signed with garbage to see whether a merchant checks; they must fail. */
export const SIGNTEST_PREFIX = 'WECHATPAY/SIGNTEST/';
/** WeChat's own window: five minutes either way. */
export const DEFAULT_WINDOW_SECONDS = 300;

export interface ValidatedMessage {
  readonly serial: string;
  readonly timestamp: number;
  readonly nonce: string;
}

export interface ValidatorOptions {
  readonly now?: () => Date;
  readonly windowSeconds?: number;
}

/** One header's value, case-blind; a repeated header is refused rather than guessed at. */
export function headerOf(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (typeof value === 'string') return value;
    return value.length === 1 ? value[0] : undefined;
  }
  return undefined;
}

export class WechatPayValidator {
  private readonly now: () => Date;
  private readonly windowSeconds: number;

  constructor(
    private readonly verifier: Verifier,
    options: ValidatorOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.windowSeconds = options.windowSeconds ?? DEFAULT_WINDOW_SECONDS;
  }

  async validate(headers: HeaderBag, body: Buffer | string): Promise<ValidatedMessage> {
    const read = (name: string) => {
      const value = headerOf(headers, name)?.trim();
      if (!value) throw new SignatureRejected('MISSING_HEADER', `${name} is missing`);
      return value;
    };
    const signature = read(WECHATPAY_SIGNATURE);
    if (signature.startsWith(SIGNTEST_PREFIX)) throw new SignatureRejected('SIGNTEST_PROBE', 'a WECHATPAY/SIGNTEST/ probe signature is never valid');
    const serial = read(WECHATPAY_SERIAL);
    const nonce = read(WECHATPAY_NONCE);
    const timestampText = read(WECHATPAY_TIMESTAMP);
    if (!/^[0-9]{1,12}$/.test(timestampText)) throw new SignatureRejected('BAD_TIMESTAMP', `${WECHATPAY_TIMESTAMP} "${clip(timestampText)}" is not a Unix time`);
    const timestamp = Number(timestampText);
    const skew = timestamp - Math.floor(this.now().getTime() / 1000);
    if (skew < -this.windowSeconds) throw new SignatureRejected('STALE_TIMESTAMP', `${WECHATPAY_TIMESTAMP} is ${-skew} s old (more than ${this.windowSeconds} s)`);
    if (skew > this.windowSeconds) throw new SignatureRejected('FUTURE_TIMESTAMP', `${WECHATPAY_TIMESTAMP} is ${skew} s ahead (more than ${this.windowSeconds} s)`);

    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const message = Buffer.concat([Buffer.from(`${timestampText}\n${nonce}\n`, 'utf8'), bytes, Buffer.from('\n', 'utf8')]);
    await this.verifier.verify(serial, message, signature);
    return { serial, timestamp, nonce };
  }
}
