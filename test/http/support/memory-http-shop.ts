import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { createHttpApp } from '../../../src/adapters/http/http-app.js';
import type { HttpDeps } from '../../../src/adapters/http/http.deps.js';
import type { FakePaymentGateway } from '../../../src/adapters/fakes/fake-payment.gateway.js';
import type { FixedClock } from '../../../src/adapters/fakes/fixed.clock.js';
import { MemoryDatabase } from '../../../src/adapters/memory/memory.database.js';
import { Clock, PaymentGateway } from '../../../src/application/index.js';
import { DEMO_IMAGES_DIR } from '../../../src/config.js';
import { httpDeps, memoryContainer } from '../../../src/composition/index.js';
import { CMS_APP, seedCatalog } from './catalog-fixture.js';
import { fakeNotificationCodec, fakeRefundNotificationCodec } from './fake-notification.codec.js';
import { HttpClient } from './http-client.js';

export const API = '/api/v1';
/** Where the memory shop says its own images (`from = 1`) are. */
export const IMAGE_BASE = 'https://cdn.test/images';

export const anAddressBody = {
  name: '张三',
  mobile: '13800138000',
  province: '广东省',
  city: '广州市',
  country: '天河区',
  detail: '某路 1 号',
};

/** The HTTP app on memory adapters, listening on a free loopback port. */
export async function startMemoryHttpShop(overrides: Partial<HttpDeps> = {}) {
  const db = new MemoryDatabase();
  await seedCatalog(db);
  const container = memoryContainer(db);
  const deps = {
    ...httpDeps(container, {
      notifications: fakeNotificationCodec,
      refundNotifications: fakeRefundNotificationCodec,
      readiness: [],
      logger: pino({ level: 'silent' }),
    }),
    ...overrides,
  };
  const server: Server = createHttpApp(deps, { images: { baseUrl: IMAGE_BASE, dir: DEMO_IMAGES_DIR } }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const http = new HttpClient(`http://127.0.0.1:${port}`);

  const loginUser = async (code: string): Promise<string> => {
    const answer = await http.post(`${API}/token/user`, { code });
    if (answer.status !== 200) throw new Error(`login failed: ${answer.text}`);
    return answer.body.token as string;
  };

  return {
    db,
    container,
    deps,
    http,
    clock: container.get<FixedClock>(Clock),
    gateway: container.get<FakePaymentGateway>(PaymentGateway),
    loginUser,
    /** A logged-in user with a saved address. */
    async shopper(code: string): Promise<string> {
      const token = await loginUser(code);
      const saved = await http.post(`${API}/address`, anAddressBody, token);
      if (saved.status !== 201) throw new Error(`address failed: ${saved.text}`);
      return token;
    },
    async superToken(): Promise<string> {
      const answer = await http.post(`${API}/token/app`, CMS_APP);
      if (answer.status !== 200) throw new Error(`app token failed: ${answer.text}`);
      return answer.body.token as string;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type MemoryHttpShop = Awaited<ReturnType<typeof startMemoryHttpShop>>;
