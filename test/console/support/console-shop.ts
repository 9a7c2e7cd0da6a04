import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { anAddressBody } from '../../http/support/memory-http-shop.js';
import { ADMIN_APP, type RealShop, startRealShop } from '../../http/support/real-shop.js';
import { type Exchange, OpenApiConformance } from '../../support/openapi-conformance.js';

const API = '/api/v1';

export interface Placed {
  readonly id: number;
  readonly orderNo: string;
}

/**
 * A shop as `npm start` runs it (SQLite in memory, the sandbox playing WeChat; refunds end only
 * when the test settles them), with shoppers who place and pay orders through the API, and a
 * record of every API answer a browser got, to check against /openapi.json.
 */
export async function startConsoleShop() {
  const real: RealShop = await startRealShop(':memory:', '', {}, { sandbox: { refundSettleSeconds: null } });
  const { http } = real;
  const sandbox = real.shop.sandbox;
  const answers: Exchange[] = [];

  const shopper = async (name: string, address: Partial<typeof anAddressBody> = {}) => {
    const login = await http.post(`${API}/token/user`, { code: `code-${name}` });
    expect(login.status, login.text).to.equal(200);
    const saved = await http.post(`${API}/address`, { ...anAddressBody, ...address }, login.body.token);
    expect(saved.status, saved.text).to.equal(201);
    return login.body.token as string;
  };

  const place = async (token: string, products: { product_id: number; count: number }[]): Promise<Placed> => {
    const placed = await http.post(`${API}/order`, { products }, token);
    expect(placed.status, placed.text).to.equal(200);
    expect(placed.body.pass, placed.text).to.equal(true);
    return { id: placed.body.order_id, orderNo: placed.body.order_no };
  };

  /** Placed, its payment prepared, paid at the sandbox and notified: PAID. */
  const paid = async (token: string, products: { product_id: number; count: number }[]): Promise<Placed> => {
    const order = await place(token, products);
    const prepared = await http.post(`${API}/pay/pre_order`, { id: order.id }, token);
    expect(prepared.status, prepared.text).to.equal(200);
    sandbox.pay(order.orderNo);
    await sandbox.idle();
    return order;
  };

  return {
    real,
    url: real.shop.url,
    console: `${real.shop.url}/cms`,
    sandbox,
    http,
    shopper,
    place,
    paid,
    superToken: async () => (await http.post(`${API}/token/app`, ADMIN_APP)).body.token as string,
    /** Records the API answers this page gets. */
    watch(page: Page) {
      page.on('response', async (response) => {
        const url = new URL(response.url());
        if (!url.pathname.startsWith(`${API}/`)) return;
        // A body the page no longer holds (it went elsewhere first) cannot be checked.
        const text = await response.text().catch(() => null);
        if (text === null) return;
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // Not JSON: checked as text.
        }
        answers.push({
          method: response.request().method(),
          path: url.pathname + url.search,
          status: response.status(),
          contentType: response.headers()['content-type'] ?? '',
          body,
        });
      });
    },
    /** Every recorded answer against the shop's own /openapi.json. */
    async conformanceProblems(): Promise<{ checked: number; problems: string[] }> {
      const document = (await (await fetch(`${real.shop.url}/openapi.json`)).json()) as object;
      return { checked: answers.length, problems: new OpenApiConformance(document).check(answers) };
    },
    close: () => real.close(),
  };
}

export type ConsoleShop = Awaited<ReturnType<typeof startConsoleShop>>;

/** The operator signs in the way a person does: the two labelled fields, then the button. */
export async function signIn(page: Page, appId: string, secret: string): Promise<void> {
  await page.getByLabel('App id').fill(appId);
  await page.getByLabel('Secret').fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
