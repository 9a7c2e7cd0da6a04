import type { ThirdApp, ThirdAppRepository } from '../../application/index.js';
import type { MemoryDatabase } from './memory.database.js';

export class MemoryThirdAppRepository implements ThirdAppRepository {
  constructor(private readonly db: MemoryDatabase) {}

  async findByAppId(appId: string): Promise<ThirdApp | null> {
    const app = this.db.state.thirdApps.get(appId);
    return app ? { ...app } : null;
  }
}
