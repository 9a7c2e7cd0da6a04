import type { Address, Refund, Order, Product, Shipment } from '../../domain/index.js';
import type {
  Banner,
  Category,
  ImageFrom,
  ImageRef,
  NotificationRecord,
  OrderTradeFacts,
  OutboxItem,
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

/** Every table, empty: the state a new database starts from. */
function emptyState() {
  return {
    products: new Map<number, Product & { deleted: boolean }>(),
    orders: new Map<number, Order>(),
    attempts: new Map<string, PaymentAttempt>(),
    /** Stock holds by `<order id>:<product id>`. */
    holds: new Map<string, { orderId: number; productId: number; count: number; expiresAt: Date }>(),
    notifications: new Map<string, NotificationRecord>(),
    users: new Map<number, User>(),
    addresses: new Map<number, Address>(),
    productInfo: new Map<number, MemoryProductInfo>(),
    banners: new Map<number, Banner>(),
    /** Themes with the ids of their products, in display order. */
    themes: new Map<number, Theme & { productIds: number[] }>(),
    categories: new Map<number, Category>(),
    /** Third apps by their app id. */
    thirdApps: new Map<string, ThirdApp>(),
    settlementLeases: new Map<number, Date>(),
    refunds: new Map<string, Refund>(),
    /** Fen refunded or being refunded against each order's own payment. */
    refundedFees: new Map<number, number>(),
    refundLeases: new Map<string, Date>(),
    /** What the SQL tables record of their rows' own changes, from the repositories' clock. */
    /** Shipments by `<order id>:<seq>`. */
    shipments: new Map<string, Shipment>(),
    /** Outbox items by key, with the moment before which no worker may take each. */
    outbox: new Map<string, OutboxItem & { notBefore: Date | null }>(),
    /** Subscribe-message acceptances left, by `<user id>:<template id>`. */
    consents: new Map<string, number>(),
    tradeFacts: new Map<number, OrderTradeFacts>(),
    rowTimes: { orderUpdated: new Map<number, Date>(), addressUpdated: new Map<number, Date>(), userCreated: new Map<number, Date>() },
    nextId: { order: 1, user: 1 },
  };
}

export type MemoryState = ReturnType<typeof emptyState>;

/**
 * The in-memory store behind every memory adapter. Transactions run one at a time and
 * restore a copy of the state when their work throws, so tests see real rollback.
 */
export class MemoryDatabase {
  state: MemoryState = emptyState();
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
