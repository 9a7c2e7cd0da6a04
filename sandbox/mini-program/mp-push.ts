import { encryptPushMessage, pushAesKey, pushSignature } from '../../src/adapters/wechat/message-push.js';
import type { SandboxMerchant } from '../sandbox-merchant.js';
import type { SeededRandom } from '../seeded-random.js';

/** The message push the sandbox's mini-program is configured with: its Token and EncodingAESKey, as the console sets them. */
export const SANDBOX_PUSH = {
  token: 'weshopsandboxpush',
  encodingAesKey: 'weshopsandboxpushaeskey0123456789ABCDEFGHIJ',
} as const;

/** One push and how the shop answered it. */
export interface SandboxPush {
  readonly event: string;
  readonly encrypted: boolean;
  readonly status: number;
  readonly answer: string;
}

/**
 * WeChat's message push to the mini-program's server: a JSON message, signed with the Token over
 * timestamp and nonce; in safe mode encrypted with the EncodingAESKey and signed over the
 * ciphertext too (`msg_signature`). Only loopback (or explicitly allowed) URLs are called.
 */
export class SandboxPusher {
  url: string | null = null;
  private readonly pushes: SandboxPush[] = [];
  private readonly aesKey = pushAesKey(SANDBOX_PUSH.encodingAesKey)!;

  constructor(
    private readonly merchant: SandboxMerchant,
    private readonly random: SeededRandom,
    private readonly now: () => Date,
    private readonly allowUrl: (url: string) => boolean,
  ) {}

  async push(message: Record<string, unknown>, encrypted: boolean): Promise<SandboxPush> {
    if (!this.url || !this.allowUrl(this.url)) throw new Error(`no push URL the sandbox may call is set (${this.url ?? 'none'})`);
    const timestamp = String(Math.floor(this.now().getTime() / 1000));
    const nonce = this.random.digits(10);
    const full = { ToUserName: `gh_${this.merchant.appId}`, FromUserName: 'sandbox-wechat', CreateTime: Number(timestamp), MsgType: 'event', ...message };
    const query = new URLSearchParams({ signature: pushSignature(SANDBOX_PUSH.token, timestamp, nonce), timestamp, nonce });
    let body = JSON.stringify(full);
    if (encrypted) {
      const sealed = encryptPushMessage(this.aesKey, this.merchant.appId, body, Buffer.from(this.random.hex(32), 'hex'));
      query.set('encrypt_type', 'aes');
      query.set('msg_signature', pushSignature(SANDBOX_PUSH.token, timestamp, nonce, sealed));
      body = JSON.stringify({ ToUserName: full.ToUserName, Encrypt: sealed });
    }
    const response = await fetch(`${this.url}?${query.toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    const record = { event: String(message.Event), encrypted, status: response.status, answer: await response.text() };
    this.pushes.push(record);
    return record;
  }

  list(): readonly SandboxPush[] {
    return [...this.pushes];
  }
}
