/* eslint-disable @typescript-eslint/no-explicit-any -- answers are read loosely; each caller states the shape it expects */
import type { Delivery, OrderRef, Sandbox } from '../../sandbox/index.js';
import type { Address } from '../../src/domain/index.js';
import { anAddress } from './mothers.js';

export const API = '/api/v1';

/** An HTTP answer as a shopper reads it: status, parsed JSON body, the text. */
export interface ShopAnswer {
  readonly status: number;
  readonly body: any;
  readonly text: string;
}

/** One JSON request to the shop: the tests' fetch client and the benchmark's keep-alive client both speak it. */
export interface ShopTransport {
  request(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, token?: string): Promise<ShopAnswer>;
}

/** A step got an answer other than the one it needs. */
export class UnexpectedAnswer extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly answer: ShopAnswer,
  ) {
    super(`${method} ${path} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  }
}

export interface Line {
  readonly product_id: number;
  readonly count: number;
}

export type PlaceAnswer = { pass: true; order_id: number; order_no: string } | { pass: false; order_id: -1; pStatusArray: unknown[] };

export interface ShopperOptions {
  /** The wx.login code that logs `name` in: the sandbox's `code-<name>` unless said. */
  readonly codeFor?: (name: string) => string;
  /** The address `saveAddress` sends: `anAddress()` unless said. */
  readonly address?: Address;
  /** The CMS app `superToken` logs in as. */
  readonly app?: App;
  /** Where `pay` pays: the WeChat Pay sandbox the shop talks to. */
  readonly sandbox?: Sandbox;
}

/** A third app's credentials, as `POST token/app` takes them. */
export interface App {
  readonly ac: string;
  readonly se: string;
}

/**
 * What a mini-program user does, over the shop's HTTP API: log in, save an address, place an
 * order, ask pre_order for the payment, pay in the sandbox. Each step insists on the answer it
 * needs (or throws UnexpectedAnswer). The HTTP, hostile, lifecycle and end-to-end tests and the
 * benchmark all buy through it.
 */
export class Shopper {
  private readonly checkout: SandboxCheckout | null;

  constructor(
    private readonly http: ShopTransport,
    private readonly options: ShopperOptions = {},
  ) {
    this.checkout = options.sandbox ? new SandboxCheckout(options.sandbox) : null;
  }

  /** `POST token/user`: the user's token. */
  async login(name: string): Promise<string> {
    const code = this.options.codeFor ? this.options.codeFor(name) : `code-${name}`;
    return (await this.expect(200, 'POST', `${API}/token/user`, { code })).body.token as string;
  }

  async saveAddress(token: string, address: Address = this.options.address ?? anAddress()): Promise<void> {
    await this.expect(201, 'POST', `${API}/address`, address, token);
  }

  /** Logs a user in and saves their address: what a buyer does once. Their token. */
  async buyer(name: string): Promise<string> {
    const token = await this.login(name);
    await this.saveAddress(token);
    return token;
  }

  /** `POST token/app`: an app's token. */
  async appToken(app: App): Promise<string> {
    return (await this.expect(200, 'POST', `${API}/token/app`, app)).body.token as string;
  }

  /** The token of the shop's CMS app (`options.app`). */
  superToken(): Promise<string> {
    if (!this.options.app) throw new Error('this shopper was given no CMS app');
    return this.appToken(this.options.app);
  }

  /** `POST order`, answered 200 with pass true or false. */
  async place(token: string, products: readonly Line[]): Promise<PlaceAnswer> {
    return (await this.expect(200, 'POST', `${API}/order`, { products }, token)).body as PlaceAnswer;
  }

  /** `POST order` that must pass: the order's id and number (its first out_trade_no). */
  async placeOrder(token: string, products: readonly Line[]): Promise<{ id: number; orderNo: string }> {
    const placed = await this.place(token, products);
    if (!placed.pass) throw new Error(`POST ${API}/order answered pass:false: ${JSON.stringify(placed)}`);
    return { id: placed.order_id, orderNo: placed.order_no };
  }

  /** `POST pay/pre_order` as answered: the order gets its first payment attempt in WeChat. */
  prepay(token: string, orderId: number): Promise<ShopAnswer> {
    return this.http.request('POST', `${API}/pay/pre_order`, { id: orderId }, token);
  }

  /** `POST pay/pre_order` answered 200: the prepay id (from `package`), or the pass:false body when stock no longer holds. */
  async prepayId(token: string, orderId: number): Promise<{ prepayId: string } | { pass: false; body: unknown }> {
    const body = (await this.expect(200, 'POST', `${API}/pay/pre_order`, { id: orderId }, token)).body as { package?: string };
    if (typeof body.package === 'string') return { prepayId: body.package.replace(/^prepay_id=/, '') };
    return { pass: false, body };
  }

  /** Places an order and prepares its payment: where a user stands when WeChat Pay opens. */
  async placeAndPrepay(token: string, products: readonly Line[]): Promise<{ id: number; orderNo: string }> {
    const order = await this.placeOrder(token, products);
    const prepared = await this.prepay(token, order.id);
    if (prepared.status !== 200) throw new UnexpectedAnswer('POST', `${API}/pay/pre_order`, prepared);
    return order;
  }

  /** The user pays in WeChat (the sandbox); resolves once the shop has answered the notification SUCCESS. */
  async pay(ref: string | OrderRef): Promise<Delivery> {
    if (!this.checkout) throw new Error('this shopper was given no sandbox to pay in');
    return this.checkout.pay(ref);
  }

  /** `GET order/:id`, answered 200: the order's detail. */
  async order(token: string, orderId: number): Promise<any> {
    return (await this.expect(200, 'GET', `${API}/order/${orderId}`, undefined, token)).body;
  }

  /** `GET order/by_user`, answered 200. */
  ordersOf(token: string, page = 1, size = 15): Promise<ShopAnswer> {
    return this.expect(200, 'GET', `${API}/order/by_user?page=${page}&size=${size}`, undefined, token);
  }

  /** A product's stock as the catalogue shows it. */
  async stockOf(productId: number): Promise<number> {
    return (await this.expect(200, 'GET', `${API}/product/${productId}`)).body.stock as number;
  }

  private async expect(status: number, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, token?: string): Promise<ShopAnswer> {
    const answer = await this.http.request(method, path, body, token);
    if (answer.status !== status) throw new UnexpectedAnswer(method, path, answer);
    return answer;
  }
}

/** Pays orders in the sandbox and waits, per payment, for the shop's answer to its notification; one timer for all. */
export class SandboxCheckout {
  private readonly waiting = new Map<Delivery, () => void>();
  private ticker: NodeJS.Timeout | null = null;

  constructor(private readonly sandbox: Sandbox) {}

  /** Pays (by out_trade_no or `{ prepayId }`); resolves when the notification is acknowledged, rejects when it ended otherwise. */
  async pay(ref: string | OrderRef): Promise<Delivery> {
    const outcome = this.sandbox.pay(ref);
    const id: number | null = outcome.notificationId;
    const delivery = id === null ? undefined : this.sandbox.notifications()[id - 1];
    if (!delivery) throw new Error(`the sandbox sent no notification for ${outcome.outTradeNo}`);
    await this.acknowledged(delivery);
    return delivery;
  }

  private acknowledged(delivery: Delivery): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.set(delivery, () => {
        if (delivery.state === 'ACKNOWLEDGED') resolve();
        else reject(new Error(`notification for ${delivery.outTradeNo} ended ${delivery.state}: ${delivery.attempts.at(-1)?.detail ?? ''}`));
      });
      this.ticker ??= setInterval(() => this.tick(), 1);
    });
  }

  /** A delivery is final once acknowledged or given up. */
  private tick(): void {
    for (const [delivery, settle] of this.waiting) {
      if (delivery.state === 'ACKNOWLEDGED' || delivery.state === 'GAVE_UP' || delivery.state === 'STOPPED' || delivery.state === 'REFUSED_URL') {
        this.waiting.delete(delivery);
        settle();
      }
    }
    if (this.waiting.size === 0) this.stop();
  }

  /** Stops waiting (the timer), e.g. when the sandbox closes. */
  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
  }
}
