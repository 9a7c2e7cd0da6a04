import type { Address, Order, Product } from '../../domain/index.js';
import type { NotificationRecord, PaymentAttempt, User } from '../../application/index.js';

export interface MemoryState {
  products: Map<number, Product & { deleted: boolean }>;
  orders: Map<number, Order>;
  attempts: Map<string, PaymentAttempt>;
  notifications: Map<string, NotificationRecord>;
  users: Map<number, User>;
  addresses: Map<number, Address>;
  settlementLeases: Map<number, Date>;
  nextId: { order: number; user: number };
}

/**
 * The in-memory store behind every memory adapter. Transactions run one at a time and
 * restore a copy of the state when their work throws, so tests see real rollback.
 */
export class MemoryDatabase {
  state: MemoryState = {
    products: new Map(),
    orders: new Map(),
    attempts: new Map(),
    notifications: new Map(),
    users: new Map(),
    addresses: new Map(),
    settlementLeases: new Map(),
    nextId: { order: 1, user: 1 },
  };
  private queue: Promise<unknown> = Promise.resolve();

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const before = structuredClone(this.state);
      try {
        return await work();
      } catch (error) {
        this.state = before;
        throw error;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  addProduct(product: Product, deleted = false): void {
    this.state.products.set(product.id, { ...product, deleted });
  }
}
