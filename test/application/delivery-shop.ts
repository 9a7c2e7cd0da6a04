import { type DeliveryConfig, DeliveryConfig as DeliveryConfigToken, type OutboxItem } from '../../src/application/index.js';
import { FakeMiniProgram } from '../../src/adapters/fakes/fake-mini-program.js';
import { testDeliveryConfig } from '../../src/composition/index.js';
import type { World } from '../contract/worlds.js';
import { paidOrder } from '../support/orders.js';
import { useCaseShop } from '../support/shop.js';

/** The delivery template tests configure: the goods, the order number, the time shipped and how. */
export const DELIVERY_TEMPLATE = {
  templateId: 'tmpl-delivery-0001',
  fields: { thing1: 'goods', character_string2: 'order_no', time3: 'shipped_at', thing4: 'logistics' },
  page: 'pages/order/detail?id={id}',
  miniprogramState: 'formal',
} as const;

/** A use-case shop over `world` with the delivery settings the test names, and WeChat's mini-program side faked. */
export async function deliveryShop(world: World, config: Partial<DeliveryConfig> = {}) {
  const shop = await useCaseShop(world, {
    override: (container) => container.rebind(DeliveryConfigToken).toConstantValue({ ...testDeliveryConfig, ...config }),
  });
  return {
    ...shop,
    wechat: shop.container.get(FakeMiniProgram),
    paid: () => paidOrder(shop),
    runOutbox: () => shop.sendOutbox.execute({ limit: 50 }),
    item: (key: string): Promise<OutboxItem | null> => world.outbox.find(key),
    accept: (templateId: string = DELIVERY_TEMPLATE.templateId) => shop.recordSubscribeConsents.execute({ uid: shop.uid, results: { [templateId]: 'accept' } }),
  };
}

export type DeliveryShop = Awaited<ReturnType<typeof deliveryShop>>;
