import type { Address, Refund, Order, Product } from '../../domain/index.js';
import type {
  Banner,
  Category,
  ImageFrom,
  ImageRef,
  NotificationRecord,
  PaymentAttempt,
  ThirdApp,
  Theme,
  User,
} from '../../application/index.js';

/** What the shop window shows of a product beyond what ordering needs (price and stock live in `products`). */
export interface MemoryProductInfo {
  categoryId: number;
  summary: string;
  imgId: number | null;
  /** Where the product's main image lives (its url is the product's `mainImgUrl`). */
  mainImgFrom: ImageFrom;
  createTime: Date;
  imgs: { imgUrl: ImageRef; order: number }[];
  properties: { name: string; detail: string }[];
}

export interface MemoryState {
  products: Map<number, Product & { deleted: boolean }>;
  orders: Map<number, Order>;
  attempts: Map<string, PaymentAttempt>;
  notifications: Map<string, NotificationRecord>;
  users: Map<number, User>;
  addresses: Map<number, Address>;
  productInfo: Map<number, MemoryProductInfo>;
  banners: Map<number, Banner>;
  /** Themes with the ids of their products, in display order. */
  themes: Map<number, Theme & { productIds: number[] }>;
  categories: Map<number, Category>;
  /** Third apps by their app id. */
  thirdApps: Map<string, ThirdApp>;
  settlementLeases: Map<number, Date>;
  refunds: Map<string, Refund>;
  /** Fen refunded or being refunded against each order's own payment. */
  refundedFees: Map<number, number>;
  refundLeases: Map<string, Date>;
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
    productInfo: new Map(),
    banners: new Map(),
    themes: new Map(),
    categories: new Map(),
    thirdApps: new Map(),
    settlementLeases: new Map(),
    refunds: new Map(),
    refundedFees: new Map(),
    refundLeases: new Map(),
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

  addProduct(product: Product, deleted = false, info: Partial<MemoryProductInfo> = {}): void {
    this.state.products.set(product.id, { ...product, deleted });
    this.state.productInfo.set(product.id, {
      categoryId: 0,
      summary: '',
      imgId: null,
      mainImgFrom: 1,
      createTime: new Date(0),
      imgs: [],
      properties: [],
      ...info,
    });
  }
}
