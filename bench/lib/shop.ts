import { type Answer, HttpClient, HttpFailure } from './http-client.js';

export interface Line {
  readonly product_id: number;
  readonly count: number;
}

export const BENCH_ADDRESS = {
  name: '压测用户',
  mobile: '13800138000',
  province: '广东省',
  city: '广州市',
  country: '天河区',
  detail: '某路 1 号',
};

/** The shop's API as a mini-program calls it. */
export class ShopClient {
  readonly http: HttpClient;

  constructor(readonly baseUrl: string, sockets: number) {
    this.http = new HttpClient(baseUrl, sockets);
  }

  /** `POST token/user`; the sandbox's jscode2session turns `code-<name>` into a stable openid. */
  async login(name: string): Promise<string> {
    const answer = await this.http.ok('POST', '/api/v1/token/user', { json: { code: `code-${name}` } });
    return (answer.body as { token: string }).token;
  }

  async saveAddress(token: string): Promise<void> {
    await this.http.ok('POST', '/api/v1/address', { json: BENCH_ADDRESS, token });
  }

  /** Logs in a user and gives them an address: what a buyer does once. */
  async buyer(name: string): Promise<string> {
    const token = await this.login(name);
    await this.saveAddress(token);
    return token;
  }

  async placeOrder(token: string, products: readonly Line[]): Promise<PlaceAnswer> {
    const answer = await this.http.ok('POST', '/api/v1/order', { json: { products }, token });
    return answer.body as PlaceAnswer;
  }

  /** `pay/pre_order`: the prepay id (from `package`), or the pass:false status when the order cannot be paid. */
  async preOrder(token: string, orderId: number): Promise<{ prepayId: string } | { pass: false; body: unknown }> {
    const answer = await this.http.ok('POST', '/api/v1/pay/pre_order', { json: { id: orderId }, token });
    const body = answer.body as { package?: string; pass?: boolean };
    if (typeof body.package === 'string') return { prepayId: body.package.replace(/^prepay_id=/, '') };
    return { pass: false, body };
  }

  async order(token: string, orderId: number): Promise<{ status: number }> {
    return (await this.http.ok('GET', `/api/v1/order/${orderId}`, { token })).body as { status: number };
  }

  async byUser(token: string, page = 1, size = 15): Promise<Answer> {
    return this.http.ok('GET', `/api/v1/order/by_user?page=${page}&size=${size}`, { token });
  }

  close(): void {
    this.http.close();
  }
}

export type PlaceAnswer = { pass: true; order_id: number; order_no: string } | { pass: false; order_id: -1; pStatusArray: unknown[] };

/** Sets up `count` buyers through the real routes, `concurrency` at a time. */
export async function buyers(shop: ShopClient, prefix: string, count: number, concurrency = 16): Promise<string[]> {
  const tokens: string[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const index = next++;
        tokens[index] = await shop.buyer(`${prefix}-${index}`);
      }
    }),
  );
  return tokens;
}

export { HttpFailure };
