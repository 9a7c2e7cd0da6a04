import type { SubscribeConsents } from '../../application/index.js';
import type { MemoryDatabase } from './memory.database.js';

export class MemorySubscribeConsents implements SubscribeConsents {
  constructor(private readonly db: MemoryDatabase) {}

  async grant(userId: number, templateId: string, count: number): Promise<number> {
    const left = (await this.remaining(userId, templateId)) + count;
    this.db.state.consents.set(`${userId}:${templateId}`, left);
    return left;
  }

  async consume(userId: number, templateId: string): Promise<boolean> {
    const left = await this.remaining(userId, templateId);
    if (left <= 0) return false;
    this.db.state.consents.set(`${userId}:${templateId}`, left - 1);
    return true;
  }

  async remaining(userId: number, templateId: string): Promise<number> {
    return this.db.state.consents.get(`${userId}:${templateId}`) ?? 0;
  }
}
