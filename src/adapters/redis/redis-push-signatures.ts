import type { Redis } from 'ioredis';
import { PUSH_SIGNATURE_MEMORY_MS, type PushSignatureMemory } from '../http/routes/wechat-push.js';

/** Signatures of message pushes taken, in Redis (SET NX with an expiry), so a replay is refused by every process. */
export class RedisPushSignatures implements PushSignatureMemory {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'weshop:push-seen:',
  ) {}

  async add(signature: string): Promise<boolean> {
    return (await this.redis.set(this.prefix + signature, '1', 'PX', PUSH_SIGNATURE_MEMORY_MS, 'NX')) === 'OK';
  }

  async forget(signature: string): Promise<void> {
    await this.redis.del(this.prefix + signature);
  }
}
