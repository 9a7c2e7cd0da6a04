import { FixedClock } from '../../src/adapters/fakes/fixed.clock.js';
import type { OutboxItem } from '../../src/application/index.js';
import { shopEnvFor } from '../../sandbox/index.js';
import type { ShopBackend } from '../support/backends.js';
import { type RealShop, type ShopOverHttp, startRealShop, startRealShopWithoutSandbox } from '../support/shop.js';
import { API } from '../support/shopper.js';

/** The delivery template a shop of these tests sends: the goods, the order number, the time shipped. */
export const TEMPLATE_ID = 'sandbox-delivery-template';
const DELIVERY_ENV = {
  DELIVERY_LOGISTICS_TYPE: 'virtual',
  WECHAT_SUBSCRIBE_TEMPLATE_ID: TEMPLATE_ID,
  WECHAT_SUBSCRIBE_FIELDS: 'thing1=goods,character_string2=order_no,time3=shipped_at',
};

/**
 * A real shop that ships zerg's `{id}` alone as a virtual delivery and sends the delivery message,
 * on a clock the test moves (the sandbox reads it too), beside the sandbox playing WeChat; and, on
 * request, a second instance on the same database (and Redis) talking to the same sandbox.
 */
export async function startDeliveryShop(backend: ShopBackend, options: { shippingVisibleAfterSeconds?: number; env?: Record<string, string> } = {}) {
  const database = await backend.database({ file: true });
  const clock = new FixedClock(new Date());
  const env = { ...DELIVERY_ENV, ...options.env };
  const shop: RealShop = await startRealShop(database.url, backend.redisUrl, {
    env,
    clock,
    sandbox: { shippingVisibleAfterSeconds: options.shippingVisibleAfterSeconds ?? 0 },
  });
  const others: ShopOverHttp[] = [];
  const { sandbox, shopper } = shop;

  return {
    ...shop,
    clock,
    databaseUrl: database.url,
    advance: (seconds: number) => clock.advance(seconds * 1000),
    /** Another instance of the same shop: same database, same Redis, same WeChat. */
    async secondInstance(): Promise<ShopOverHttp> {
      const other = await startRealShopWithoutSandbox(database.url, backend.redisUrl, { env: { ...env, ...shopEnvFor(sandbox.url, sandbox.merchant) }, clock });
      others.push(other);
      return other;
    },
    /** A paid order of a new buyer: its id, number and the buyer's token. */
    async paidOrder(name: string) {
      const token = await shopper.buyer(name);
      const order = await shopper.placeAndPrepay(token, [{ product_id: 21, count: 1 }]);
      await shopper.pay(order.orderNo);
      return { ...order, token };
    },
    async deliver(orderId: number, body: Record<string, unknown> = {}) {
      return shop.http.put(`${API}/order/delivery`, { id: orderId, ...body }, await shopper.superToken());
    },
    /** Where the upload of an order's shipment (1 or 2) stands, as the shop recorded it. */
    async upload(orderId: number, seq = 1): Promise<OutboxItem | null> {
      const views = await shop.useCases.listDeliveries.execute({ orderIds: [orderId] });
      return views.get(orderId)?.shipments.find((view) => view.shipment.seq === seq)?.upload ?? null;
    },
    /** Uploads WeChat took for an order's payment. */
    uploadsAtWeChat: (outTradeNo: string) => sandbox.miniProgram.shipping.list().find((each) => each.outTradeNo === outTradeNo)?.uploads.length ?? 0,
    tokens: () => sandbox.miniProgram.tokens.counts(),
    async close(): Promise<void> {
      for (const other of others) await other.close();
      await shop.close();
      await database.drop();
    },
  };
}

export type DeliveryShop = Awaited<ReturnType<typeof startDeliveryShop>>;
