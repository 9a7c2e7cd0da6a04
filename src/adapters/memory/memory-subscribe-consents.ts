import type { SubscribeConsents } from '../../application/index.js';
import type { MemoryDatabase } from './memory.database.js';

export class MemorySubscribeConsents implements SubscribeConsents {
  constructor(private readonly db: MemoryDatabase) {}

  async grant(userId: number, templateId: string, count: number): Promise<number> {
    const left = this.left(userId, templateId) + count;
    this.db.state.consents.set(`${userId}:${templateId}`, left);
    return left;
  }

  async consume(userId: number, templateId: string): Promise<boolean> {
    const left = this.left(userId, templateId);
    if (left <= 0) return false;
    this.db.state.consents.set(`${userId}:${templateId}`, left - 1);
    return true;
  }

  async remaining(userId: number, templateId: string): Promise<number> {
    return this.left(userId, templateId);
  }

  /** Read and written with no await between, so racing calls never interleave. */
  private left(userId: number, templateId: string): number {
    return this.db.state.consents.get(`${userId}:${templateId}`) ?? 0;
  }
}
