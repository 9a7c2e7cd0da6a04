import type { NewOutboxItem, Outbox, OutboxEnd, OutboxItem } from '../../application/index.js';
import type { MemoryDatabase } from './memory.database.js';

/** As the database column keeps it: the start of a long message. */
const cut = (text: string | null) => (text === null ? null : [...text].slice(0, 255).join(''));

export class MemoryOutbox implements Outbox {
  constructor(private readonly db: MemoryDatabase) {}

  async add(item: NewOutboxItem): Promise<boolean> {
    const { outbox } = this.db.state;
    if (outbox.has(item.key)) return false;
    outbox.set(item.key, {
      key: item.key,
      kind: item.work.kind,
      orderId: item.work.orderId,
      work: structuredClone(item.work),
      status: item.ended?.status ?? 'PENDING',
      tries: 0,
      errorCode: item.ended?.errorCode ?? null,
      errorMessage: cut(item.ended?.errorMessage ?? null),
      createdAt: item.createdAt,
      updatedAt: item.createdAt,
      notBefore: null,
    });
    return true;
  }

  async find(key: string): Promise<OutboxItem | null> {
    const item = this.db.state.outbox.get(key);
    return item ? publicItem(item) : null;
  }

  async listByOrders(orderIds: readonly number[]): Promise<OutboxItem[]> {
    const wanted = new Set(orderIds);
    return this.sorted()
      .filter((item) => wanted.has(item.orderId))
      .map(publicItem);
  }

  async findDue(now: Date, limit: number): Promise<string[]> {
    return this.sorted()
      .filter((item) => item.status === 'PENDING' && !((item.notBefore?.getTime() ?? 0) > now.getTime()))
      .slice(0, limit)
      .map((item) => item.key);
  }

  async claim(key: string, now: Date, until: Date): Promise<boolean> {
    const item = this.db.state.outbox.get(key);
    if (!item || item.status !== 'PENDING' || (item.notBefore?.getTime() ?? 0) > now.getTime()) return false;
    this.db.state.outbox.set(key, { ...item, notBefore: until, tries: item.tries + 1 });
    return true;
  }

  async end(key: string, end: OutboxEnd): Promise<boolean> {
    const item = this.db.state.outbox.get(key);
    if (!item || item.status !== 'PENDING') return false;
    this.db.state.outbox.set(key, {
      ...item,
      status: end.status,
      errorCode: end.errorCode ?? item.errorCode,
      errorMessage: end.errorMessage === undefined ? item.errorMessage : cut(end.errorMessage),
      updatedAt: end.at,
    });
    return true;
  }

  async retryAt(key: string, notBefore: Date, error: { code: string; message: string }, at: Date): Promise<void> {
    const item = this.db.state.outbox.get(key);
    if (!item || item.status !== 'PENDING') return;
    this.db.state.outbox.set(key, { ...item, notBefore, errorCode: error.code, errorMessage: cut(error.message), updatedAt: at });
  }

  private sorted() {
    return [...this.db.state.outbox.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.key.localeCompare(b.key));
  }
}

function publicItem({ notBefore: _notBefore, ...item }: OutboxItem & { notBefore: Date | null }): OutboxItem {
  return structuredClone(item);
}
