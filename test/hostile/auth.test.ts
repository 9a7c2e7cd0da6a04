import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import sinon from 'sinon';
import type { Answer } from '../support/http-client.js';
import { anAddress } from '../support/mothers.js';
import { type Backend, describeOnEveryBackend, hostileTable } from './support/backends.js';
import { API, type HostileShop, LOCKOUT_APP, startHostileShop } from './support/hostile-shop.js';
import { type Changes } from './support/snapshot.js';
import { type ExpectedChange, Tally, expectChanges, expectError } from './support/table.js';

interface World {
  shop: HostileShop;
  alice: string;
  bob: string;
  bobUid: number;
  cms: string;
  /** Alice's unpaid, prepared order. */
  aliceOrder: number;
  /** A token issued in `prepare`, for the row that lets it expire. */
  expiring: string;
  /** The moved process clock, restored after each case. */
  clock?: sinon.SinonFakeTimers;
}

/** One request with the wrong credentials, or someone else's, and what it must answer. */
interface AuthCase {
  name: string;
  method?: 'GET' | 'POST' | 'PUT';
  path?: string | ((world: World) => string);
  body?: (world: World) => unknown;
  /** The `token` header; none when it returns undefined. */
  token?: (world: World) => string | undefined;
  /** Runs before the snapshot. */
  prepare?: (world: World) => Promise<void>;
  /** Replaces the single request (e.g. to move the clock first). */
  act?: (world: World) => Promise<Answer>;
  status: number;
  code?: number;
  msg?: RegExp;
  changes?: ExpectedChange[];
  then?: (answer: Answer, world: World, changes: Changes) => unknown;
}

const TOKEN_MSG = /Token已过期或无效Token/;
const SCOPE_MSG = /this token's scope may not use this route/;
const OWNER_MSG = /the order belongs to another user/;
const APP_MSG = /app id or secret|appid|secret/i;

const USER_ROUTES: [string, string, ((w: World) => unknown)?][] = [
  ['GET', '/address'],
  ['POST', '/address', () => anAddress()],
  ['POST', '/order', () => ({ products: [{ product_id: 1, count: 1 }] })],
  ['GET', '/order/by_user'],
  ['GET', '/order/:A'],
  ['POST', '/pay/pre_order', (w) => ({ id: w.aliceOrder })],
  ['POST', '/subscribe/consent', () => ({ 'some-template': 'accept' })],
];
const SUPER_ROUTES: [string, string, ((w: World) => unknown)?][] = [
  ['GET', '/order/paginate'],
  ['PUT', '/order/delivery', (w) => ({ id: w.aliceOrder })],
];
const route = (method: string, path: string, body?: (w: World) => unknown) => ({
  method: method as AuthCase['method'],
  path: (w: World) => path.replace(':A', String(w.aliceOrder)),
  ...(body ? { body } : {}),
});

const appLogin = (w: World, ac: string, se: string) => w.shop.http.post(`${API}/token/app`, { ac, se });

/** App ids whose failure counters this run creates; Redis keeps them 15 minutes, shared with every other run. */
const RUN = `${process.pid}-${Date.now().toString(36)}`;
const APP_IDS = { unknown: `nobody-${RUN}`, sql: `weshop-admin' -- ${RUN}`, burst: `burst-${RUN}` };

export const AUTH: AuthCase[] = [
  ...[...USER_ROUTES, ...SUPER_ROUTES].map(([method, path, body]): AuthCase => ({
    name: `no token: ${method} ${path}`,
    ...route(method, path, body),
    status: 401,
    code: 10001,
    msg: TOKEN_MSG,
  })),
  ...(
    [
      ['an unknown token', () => randomBytes(16).toString('hex')],
      ["Alice's token with its last character changed", (w: World) => w.alice.slice(0, -1) + (w.alice.endsWith('0') ? '1' : '0')],
      ['a token of 300 characters', () => 'a'.repeat(300)],
      ['a token of SQL', () => "' OR '1'='1"],
      ['a token of one space', () => ' '],
    ] as const
  ).map(([name, token]): AuthCase => ({ name, ...route('GET', '/order/:A'), token, status: 401, code: 10001, msg: TOKEN_MSG })),
  {
    name: 'the token in the query string instead of the header',
    method: 'GET',
    path: (w) => `/order/${w.aliceOrder}?token=${w.alice}`,
    status: 401,
    code: 10001,
    msg: TOKEN_MSG,
  },
  {
    name: 'an expired token (the clock moved past its TTL): 401, and token/verify says invalid',
    async prepare(w) {
      w.expiring = await w.shop.shopper.login('auth-expiring');
      w.clock = await expireToken(w.shop, w.expiring);
    },
    act: async (w) => {
      const answer = await w.shop.http.get(`${API}/order/by_user`, w.expiring);
      expect((await w.shop.http.post(`${API}/token/verify`, { token: w.expiring })).body).to.deep.equal({ isValid: false });
      return answer;
    },
    status: 401,
    code: 10001,
    msg: TOKEN_MSG,
  },
  ...SUPER_ROUTES.map(([method, path, body]): AuthCase => ({
    name: `a user token on ${method} ${path}`,
    ...route(method, path, body),
    token: (w) => w.alice,
    status: 403,
    code: 10002,
    msg: SCOPE_MSG,
  })),
  ...USER_ROUTES.map(([method, path, body]): AuthCase => ({
    name: `a super token on ${method} ${path}`,
    ...route(method, path, body),
    token: (w) => w.cms,
    status: 403,
    code: 10002,
    msg: SCOPE_MSG,
  })),
  { name: "Bob reads Alice's order", ...route('GET', '/order/:A'), token: (w) => w.bob, status: 403, code: 10003, msg: OWNER_MSG },
  { name: "Bob pays Alice's order", ...route('POST', '/pay/pre_order', (w) => ({ id: w.aliceOrder })), token: (w) => w.bob, status: 403, code: 10003, msg: OWNER_MSG },
  {
    name: "Bob lists his orders: none of Alice's",
    ...route('GET', '/order/by_user?page=1&size=100'),
    token: (w) => w.bob,
    status: 200,
    then: (answer) => void expect(answer.body).to.deep.equal({ data: [], current_page: 1 }),
  },
  {
    name: "Bob reads his address: his own, never Alice's",
    ...route('GET', '/address'),
    token: (w) => w.bob,
    status: 200,
    then: (answer) => void expect(answer.body).to.deep.equal(BOB_ADDRESS),
  },
  {
    name: "Bob saves an address: only Bob's row changes",
    ...route('POST', '/address', () => ({ ...BOB_ADDRESS, detail: 'Bob 的新地址' })),
    token: (w) => w.bob,
    status: 201,
    changes: [/^user_address ~1 \(detail, update_time\)$/],
    then: (_answer, w, changes) => void expect(Number(changes.changed.user_address![0]!.after.user_id)).to.equal(w.bobUid),
  },
  { name: 'token/app with a wrong secret', ...route('POST', '/token/app', () => ({ ac: 'weshop-admin', se: 'wrong' })), status: 401, code: 10004, msg: APP_MSG },
  { name: 'token/app for an unknown app', ...route('POST', '/token/app', () => ({ ac: APP_IDS.unknown, se: 'wrong' })), status: 401, code: 10004, msg: APP_MSG },
  { name: "token/app with SQL as the app id", ...route('POST', '/token/app', () => ({ ac: APP_IDS.sql, se: 'x' })), status: 401, code: 10004, msg: APP_MSG },
  { name: 'token/app with an operator object as the secret', ...route('POST', '/token/app', () => ({ ac: 'weshop-admin', se: { $ne: '' } })), status: 400, code: 10000, msg: /se must be string/ },
  { name: 'token/app without a secret', ...route('POST', '/token/app', () => ({ ac: 'weshop-admin' })), status: 400, code: 10000, msg: /se is required/ },
  {
    name: 'token/app: after 5 wrong secrets the app id is locked, the right secret included (429, Retry-After)',
    act: async (w) => {
      for (let attempt = 1; attempt <= 5; attempt++) expect((await appLogin(w, LOCKOUT_APP.ac, `wrong-${attempt}`)).status).to.equal(401);
      expect((await appLogin(w, LOCKOUT_APP.ac, 'wrong-6')).status).to.equal(429);
      return appLogin(w, LOCKOUT_APP.ac, LOCKOUT_APP.se);
    },
    status: 429,
    code: 10005,
    msg: /too many|locked|try again/i,
    then: (answer) => void expect(Number(answer.headers.get('retry-after'))).to.be.within(1, 900),
  },
  {
    name: 'token/app: 20 wrong secrets at once for one app id, at most 5 get checked',
    act: async (w) => {
      const ac = APP_IDS.burst;
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => appLogin(w, ac, `guess-${i}`)));
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 401).length, JSON.stringify(statuses)).to.be.at.most(5);
      expect(statuses.filter((status) => status === 429).length, JSON.stringify(statuses)).to.be.at.least(15);
      return appLogin(w, ac, 'one more');
    },
    status: 429,
    code: 10005,
  },
  { name: 'token/user with a code WeChat refuses', ...route('POST', '/token/user', () => ({ code: 'forged-code' })), status: 400, code: 10008, msg: /WeChat refused the login code/ },
  {
    name: 'token/verify of a forged token: not valid',
    ...route('POST', '/token/verify', () => ({ token: randomBytes(16).toString('hex') })),
    status: 200,
    then: (answer) => void expect(answer.body).to.deep.equal({ isValid: false }),
  },
];

const BOB_ADDRESS = anAddress({ name: '李四', mobile: '13900139000', detail: 'Bob 的地址' });

/**
 * Moves the token past its TTL: the process clock for the memory store (left moved until the case
 * ends), the key's own TTL in Redis, which keeps its own clock.
 */
async function expireToken(shop: HostileShop, token: string): Promise<sinon.SinonFakeTimers | undefined> {
  const ttl = shop.config.tokenTtlSeconds;
  const redis = shop.resources.redis;
  if (redis) {
    const key = `weshop:token:${createHash('sha256').update(token).digest('hex')}`;
    const remaining = await redis.ttl(key);
    expect(remaining, 'Redis holds the token for the configured TTL').to.be.within(ttl - 5, ttl);
    // Bring the expiry to now: where moving Redis's clock by `remaining` seconds would land.
    await redis.pexpire(key, 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await redis.exists(key)).to.equal(0);
    return undefined;
  }
  const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
  clock.tick(ttl * 1000 - 1000);
  expect((await shop.http.post(`${API}/token/verify`, { token })).body, 'valid until its TTL').to.deep.equal({ isValid: true });
  clock.tick(2000);
  return clock;
}

function authSuite(backend: Backend, label: string): void {
  const tally = new Tally('auth', label);
  const world = hostileTable<World>(
    backend,
    tally,
    async (database) => {
      const shop = await startHostileShop(database.url, backend.redisUrl);
      const alice = await shop.shopper.buyer('auth-alice');
      const bob = await shop.shopper.login('auth-bob');
      expect((await shop.http.post(`${API}/address`, BOB_ADDRESS, bob)).status).to.equal(201);
      const { id } = await shop.shopper.placeOrder(alice, [{ product_id: 2, count: 1 }]);
      expect((await shop.shopper.prepay(alice, id)).status).to.equal(200);
      const bobUid = Number((await shop.resources.database.db.selectFrom('user_address').select('user_id').where('name', '=', '李四').executeTakeFirstOrThrow()).user_id);
      return { shop, alice, bob, bobUid, cms: await shop.shopper.superToken(), aliceOrder: id };
    },
    async ({ shop }) => {
      // The failure counters outlive the shop in Redis (15 minutes): remove this run's.
      for (const ac of [...Object.values(APP_IDS), LOCKOUT_APP.ac]) await shop?.resources.redis?.del(`weshop:failures:app-login:${ac}`);
    },
  );

  afterEach(() => {
    world.clock?.restore();
    world.clock = undefined;
  });

  for (const row of AUTH) {
    it(row.name, async () => {
      const { shop } = world;
      await row.prepare?.(world);
      const before = await shop.snapshot();
      let answer: Answer;
      if (row.act) answer = await row.act(world);
      else {
        const path = typeof row.path === 'function' ? row.path(world) : (row.path ?? '/order');
        const headers: Record<string, string> = {};
        const body = row.body?.(world);
        if (body !== undefined) headers['content-type'] = 'application/json';
        const token = row.token?.(world);
        if (token !== undefined) headers.token = token;
        answer = await shop.http.raw(row.method ?? 'GET', `${API}${path}`, body === undefined ? undefined : JSON.stringify(body), headers);
      }
      expectError(answer, row.status, row.code, row.msg, row.name);
      const after = await shop.snapshot();
      const changes = expectChanges(before, after, row.changes ?? [], row.name);
      await row.then?.(answer, world, changes);
      tally.record(answer.status >= 400, changes);
    });
  }
}

describeOnEveryBackend('hostile table 2: auth', authSuite);
