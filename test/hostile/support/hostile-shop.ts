import type { Container } from 'inversify';
import { pino } from 'pino';
import { startSandboxedShop } from '../../../scripts/sandboxed-shop.js';
import type { Sandbox } from '../../../sandbox/index.js';
import { hashSecret } from '../../../src/adapters/system/scrypt-secret.verifier.js';
import type { WeChatConfig } from '../../../src/adapters/wechat/index.js';
import { TokenStore } from '../../../src/application/index.js';
import type { ProductionOverrides, ProductionResources } from '../../../src/composition/index.js';
import { type AppConfig, loadConfig } from '../../../src/config.js';
import { type Answer, HttpClient } from '../../http/support/http-client.js';
import { ADMIN_APP } from '../../http/support/real-shop.js';
import { type Snapshot, takeSnapshot } from './snapshot.js';

export const API = '/api/v1';

export const AN_ADDRESS = {
  name: '张三',
  mobile: '13800138000',
  province: '广东省',
  city: '广州市',
  country: '天河区',
  detail: '某路 1 号',
};

/** A product soft-deleted from the catalogue, with stock left: it must not be orderable. */
export const DELETED_PRODUCT_ID = 900;
/** A product with nothing left. */
export const EMPTY_PRODUCT_ID = 901;

export interface ShopOptions {
  /** More environment (LOG_LEVEL, STOCK_POLICY, …); WeChat is always the shop's own sandbox. */
  readonly env?: Record<string, string>;
  /** Runs before the HTTP app resolves its use cases: where a test wraps a port to inject a fault. */
  readonly override?: (container: Container, parts: { resources: ProductionResources; wechat: WeChatConfig }) => void;
  /** Scales WeChat's retry schedule (15 s → 15 ms at 0.001). */
  readonly timeScale?: number;
  /** What production wiring lets a test replace (the WeChat Pay client's timeouts, the clock). */
  readonly production?: ProductionOverrides;
}

export interface HostileShop {
  readonly url: string;
  readonly http: HttpClient;
  readonly config: AppConfig;
  readonly wechat: WeChatConfig;
  readonly sandbox: Sandbox;
  readonly resources: ProductionResources;
  readonly container: Container;
  /** Every log line so far, as pino wrote it (JSON). */
  readonly logs: string[];
  snapshot(): Promise<Snapshot>;
  /** Tokens this shop has issued so far. */
  tokenCount(): Promise<number>;
  login(name: string): Promise<string>;
  /** A logged-in user with an address. */
  shopper(name: string): Promise<string>;
  superToken(): Promise<string>;
  placeOrder(token: string, products: { product_id: number; count: number }[]): Promise<{ id: number; orderNo: string }>;
  /** pre_order: the order gets its first payment attempt (out_trade_no = order_no) in the sandbox. */
  prepay(token: string, orderId: number): Promise<Answer>;
  orderStatus(orderId: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * The shop as `npm start` composes it (production adapters, its own WeChat Pay sandbox), listening
 * on loopback, with a hook to replace one port and access to the database for snapshots.
 */
export async function startHostileShop(databaseUrl: string, redisUrl: string, options: ShopOptions = {}): Promise<HostileShop> {
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    SANDBOX_PORT: '0',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    LIFECYCLE_INTERVAL_SECONDS: '0',
    LOG_LEVEL: 'info',
    ...options.env,
  };
  // Logs are kept, not printed: cases read the reason a developer would find there, and check no secret is.
  const logs: string[] = [];
  const logger = pino({ level: loadConfig(env).logLevel }, { write: (line: string) => void logs.push(line) });
  // Tokens are counted as this shop issues them: Redis is shared with other runs, so its key count is not ours.
  let issued = 0;
  const running = await startSandboxedShop(env, {
    ...options.production,
    logger,
    sandbox: { seed: 'hostile', timeScale: options.timeScale ?? 0.001 },
    override(container, parts) {
      const store = container.get<TokenStore>(TokenStore);
      container.rebind(TokenStore).toConstantValue({
        issue: async (identity, ttlSeconds) => {
          const token = await store.issue(identity, ttlSeconds);
          issued++;
          return token;
        },
        verify: (token) => store.verify(token),
        revoke: (token) => store.revoke(token),
      } satisfies TokenStore);
      options.override?.(container, parts);
    },
  });
  const { url, config, wechat, resources, container, sandbox, close } = running;
  try {
    await addFixtures(resources);

    const http = new HttpClient(url);
    const tokenCount = async (): Promise<number> => issued;
    const login = async (name: string) => {
      const answer = await http.post(`${API}/token/user`, { code: `code-${name}` });
      if (answer.status !== 200) throw new Error(`login ${name}: ${answer.status} ${answer.text}`);
      return answer.body.token as string;
    };
    const shop: HostileShop = {
      url,
      http,
      config,
      wechat,
      sandbox,
      resources,
      container,
      logs,
      tokenCount,
      snapshot: () => takeSnapshot(resources.database.db, tokenCount),
      login,
      async shopper(name) {
        const token = await login(name);
        const saved = await http.post(`${API}/address`, AN_ADDRESS, token);
        if (saved.status !== 201) throw new Error(`address ${name}: ${saved.text}`);
        return token;
      },
      async superToken() {
        const answer = await http.post(`${API}/token/app`, ADMIN_APP);
        if (answer.status !== 200) throw new Error(`app token: ${answer.text}`);
        return answer.body.token as string;
      },
      async placeOrder(token, products) {
        const answer = await http.post(`${API}/order`, { products }, token);
        if (answer.status !== 200 || answer.body.pass !== true) throw new Error(`order: ${answer.status} ${answer.text}`);
        return { id: answer.body.order_id as number, orderNo: answer.body.order_no as string };
      },
      prepay: (token, orderId) => http.post(`${API}/pay/pre_order`, { id: orderId }, token),
      async orderStatus(orderId) {
        const row = await resources.database.db.selectFrom('order').select('status').where('id', '=', orderId).executeTakeFirstOrThrow();
        return Number(row.status);
      },
      close,
    };
    return shop;
  } catch (error) {
    await close();
    throw error;
  }
}

/** A deleted product and a sold-out one beside the demo catalogue, and a CMS app of this run's own. */
async function addFixtures(resources: ProductionResources): Promise<void> {
  const { db } = resources.database;
  const product = (id: number, stock: number, deleted: boolean) => ({
    id,
    name: `fixture ${id}`,
    price: 100,
    stock,
    category_id: 1,
    main_img_url: 'https://img.example/fixture.png',
    from: 2,
    summary: '',
    img_id: null,
    delete_time: deleted ? Date.now() : null,
    create_time: Date.now(),
  });
  await db.insertInto('product').values([product(DELETED_PRODUCT_ID, 50, true), product(EMPTY_PRODUCT_ID, 0, false)]).execute();
  await db
    .insertInto('third_app')
    .values({ app_id: LOCKOUT_APP.ac, secret_hash: await hashSecret(LOCKOUT_APP.se), scope: 'super', description: 'lockout target' })
    .execute();
}

/** Another super app, whose failure counter the lockout cases may exhaust; unique per run, as Redis remembers. */
export const LOCKOUT_APP = { ac: `hostile-${process.pid}-${Date.now().toString(36)}`, se: 'a secret for the lockout case' };
