import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { Address } from '../../../src/domain/index.js';
import { anAddress } from '../../support/mothers.js';
import { type Exchange, OpenApiConformance } from '../../support/openapi-conformance.js';
import { ADMIN_APP, type RealShop, startRealShop } from '../../support/shop.js';
import { API, type Line } from '../../support/shopper.js';
import { type Tab, openTab } from './browser.js';

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
  const real: RealShop = await startRealShop(':memory:', '', { sandbox: { refundSettleSeconds: null } });
  const { http, sandbox, shopper: buyer } = real;
  const answers: Exchange[] = [];

  /** A user logged in with an address of their own: their token. */
  const shopper = async (name: string, address: Partial<Address> = {}) => {
    const token = await buyer.login(name);
    await buyer.saveAddress(token, anAddress(address));
    return token;
  };

  /** Placed, its payment prepared, paid at the sandbox and notified: PAID. */
  const paid = async (token: string, products: readonly Line[]): Promise<Placed> => {
    const order = await buyer.placeAndPrepay(token, products);
    await buyer.pay(order.orderNo);
    return order;
  };

  return {
    real,
    url: real.url,
    console: `${real.url}/cms`,
    sandbox,
    http,
    shopper,
    place: (token: string, products: readonly Line[]): Promise<Placed> => buyer.placeOrder(token, products),
    paid,
    superToken: () => buyer.superToken(),
    /** A fresh tab whose API answers are recorded, for one test. */
    async openTab(viewport?: { width: number; height: number }): Promise<Tab> {
      const tab = await openTab(viewport);
      this.watch(tab.page);
      return tab;
    },
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
      const document = (await (await fetch(`${real.url}/openapi.json`)).json()) as object;
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

/** Closes a test's tab, which must have seen no script error and no refusal by the CSP. */
export async function closeCleanTab(tab: Tab): Promise<void> {
  expect(tab.problems).to.deep.equal([]);
  await tab.close();
}

/** Signed in as the admin app, looking at the order's page. */
export async function openOrder(page: Page, shop: ConsoleShop, order: Placed): Promise<void> {
  await page.goto(`${shop.console}#/orders/${order.id}`);
  await signIn(page, ADMIN_APP.ac, ADMIN_APP.se);
  await page.getByRole('heading', { name: `Order ${order.orderNo}`, level: 1 }).waitFor();
}

/** The suite's last test: every answer its pages got is one the shop's /openapi.json documents. */
export function itGotOnlyDocumentedAnswers(shop: () => ConsoleShop): void {
  it('got only answers /openapi.json documents', async () => {
    const { checked, problems } = await shop().conformanceProblems();
    expect(checked).to.be.greaterThan(10);
    expect(problems).to.deep.equal([]);
  });
}
