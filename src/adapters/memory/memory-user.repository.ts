import type { Clock, User, UserRepository } from '../../application/index.js';
import type { MemoryDatabase } from './memory.database.js';

export class MemoryUserRepository implements UserRepository {
  constructor(
    private readonly db: MemoryDatabase,
    private readonly clock: Clock,
  ) {}

  async findOrCreateByOpenid(openid: string): Promise<User> {
    const { state } = this.db;
    const existing = [...state.users.values()].find((user) => user.openid === openid);
    if (existing) return existing;
    const user = { id: state.nextId.user++, openid };
    state.users.set(user.id, user);
    state.rowTimes.userCreated.set(user.id, this.clock.now());
    return user;
  }

  async findById(id: number): Promise<User | null> {
    return this.db.state.users.get(id) ?? null;
  }
}
