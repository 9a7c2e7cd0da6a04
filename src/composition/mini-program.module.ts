import { createHash } from 'node:crypto';
import { type Container, ContainerModule } from 'inversify';
import { AccessTokenStore, CarrierDirectory, type Clock, DeliveryConfig, ShippingGateway, SubscribeMessenger } from '../application/index.js';
import { KyselyAccessTokenStore } from '../adapters/kysely/index.js';
import { RedisAccessTokenStore } from '../adapters/redis/redis-access-token.store.js';
import type { WeChatConfig } from '../adapters/wechat/index.js';
import type { MiniProgramSettings } from '../adapters/wechat/mini-program/delivery.config.js';
import { MiniProgramApi, type MiniProgramApiOptions } from '../adapters/wechat/mini-program/mini-program-api.js';
import { WeChatShippingClient } from '../adapters/wechat/mini-program/shipping.client.js';
import type { HttpDeps } from '../adapters/http/http.deps.js';
import { SeenSignatures } from '../adapters/http/routes/wechat-push.js';
import { RedisPushSignatures } from '../adapters/redis/redis-push-signatures.js';
import type { ProductionResources } from './production.resources.js';

/**
 * Whose token it is: the app's at the WeChat it talks to. Every instance of a shop names the same;
 * a sandbox on another port (a developer's, a test's) keeps its tokens apart.
 */
export function accessTokenKey(appId: string, apiBase: string): string {
  const key = `${appId}@${new URL(apiBase).host}`;
  return key.length <= 64 ? key : createHash('sha256').update(key).digest('hex');
}

/** What a test may change in the mini-program client: its patience and the access token's timings. */
export type MiniProgramOverrides = Pick<MiniProgramApiOptions, 'timeoutMs' | 'token'>;

/**
 * Delivery's ports on WeChat's mini-program API: the shared access token in Redis when there is
 * one, else in the database; shipping management, the carrier list and subscribe messages over it.
 */
export function miniProgramModule(
  settings: MiniProgramSettings,
  wechat: WeChatConfig,
  resources: ProductionResources,
  clock: Clock,
  overrides: MiniProgramOverrides = {},
): ContainerModule {
  const key = accessTokenKey(wechat.appId, wechat.apiBase);
  const store = resources.redis ? new RedisAccessTokenStore(resources.redis, key) : new KyselyAccessTokenStore(resources.database.db, key);
  const now = () => clock.now();
  const api = new MiniProgramApi(wechat, store, { ...overrides, now });
  const client = new WeChatShippingClient(api, wechat.appId, { now });
  return new ContainerModule(({ bind }) => {
    bind(DeliveryConfig).toConstantValue(settings.delivery);
    bind(AccessTokenStore).toConstantValue(store);
    bind(WeChatShippingClient).toConstantValue(client);
    bind(ShippingGateway).toConstantValue(client);
    bind(CarrierDirectory).toConstantValue(client);
    bind(SubscribeMessenger).toConstantValue(client);
  });
}

/** What the HTTP app needs of the mini-program: the message push's settings, and `is_trade_managed` for `/readyz`. */
export function miniProgramHttpDeps(
  container: Container,
  settings: MiniProgramSettings,
  wechat: WeChatConfig,
  clock: Clock,
  { redis }: Pick<ProductionResources, 'redis'>,
): Pick<HttpDeps, 'push' | 'readinessDetails'> {
  const client = container.get(WeChatShippingClient);
  // In Redis when there is one: a replay that reaches another worker or instance is refused too.
  const seen = redis ? new RedisPushSignatures(redis) : new SeenSignatures();
  return {
    push: { config: settings.push ? { appId: wechat.appId, ...settings.push } : null, now: () => clock.now(), seen },
    readinessDetails: [{ name: 'wechat_trade_managed', read: () => client.isTradeManaged() }],
  };
}
