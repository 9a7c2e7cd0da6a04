import { expect } from 'chai';
import { ADMIN_APP } from '../support/shop.js';
import { type PageGlobals, type Tab, describeInBrowser, openTab } from './support/browser.js';
import { type ConsoleShop, signIn, startConsoleShop } from './support/console-shop.js';

const NAME = '<b>Eve</b>';
const DETAIL = '<img src=x onerror="window.__pwned=1">某路 1 号';
const REASON = '<script>window.__pwned=2</script>退款';

describeInBrowser('the console: hostile data shows as text', function () {
  this.timeout(30_000);
  let shop: ConsoleShop;
  let tab: Tab;

  before(async () => {
    shop = await startConsoleShop();
  });
  after(() => shop?.close());
  beforeEach(async () => {
    tab = await openTab();
  });
  afterEach(() => tab.close());

  it('shows markup in a buyer’s name, address and a refund reason as the characters typed, and runs none of it', async () => {
    const eve = await shop.shopper('eve', { name: NAME, detail: DETAIL });
    const order = await shop.paid(eve, [{ product_id: 2, count: 1 }]);
    const { page } = tab;
    await page.goto(shop.console);
    await signIn(page, ADMIN_APP.ac, ADMIN_APP.se);
    const row = page.getByRole('row').filter({ hasText: order.orderNo });
    await row.waitFor();
    expect(await row.textContent()).to.include(`${NAME} · 13800138000`);

    await page.getByRole('link', { name: order.orderNo }).click();
    await page.getByRole('region', { name: 'Delivery address' }).getByText(DETAIL).waitFor();
    await page.getByLabel('Amount (yuan)').fill('0.01');
    await page.getByLabel('Reason').fill(REASON);
    await page.getByRole('button', { name: 'Refund…' }).click();
    await page.getByRole('dialog').getByText(`Reason: ${REASON}`).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Refund' }).click();
    await page.getByRole('region', { name: 'Refunds' }).getByText(REASON).waitFor();
    await tab.screenshot('hostile-data');

    const found = await page.evaluate(() => {
      const { document, __pwned } = globalThis as unknown as PageGlobals;
      return {
        pwned: __pwned ?? null,
        // Elements the data would have made, had it been parsed as HTML.
        made: document.querySelectorAll('#app img[src="x"], #app b, #app script').length,
        handlers: [...document.querySelectorAll('#app *')].filter((element) => [...element.attributes].some((attribute) => attribute.name.startsWith('on'))).length,
      };
    });
    expect(found).to.deep.equal({ pwned: null, made: 0, handlers: 0 });
    expect(tab.problems, 'not even a refusal by the CSP: nothing tried to run').to.deep.equal([]);
  });

  it('serves its pages under a Content-Security-Policy without inline scripts, and every file it needs from the shop itself', async () => {
    const page = await fetch(shop.console);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).to.include("script-src 'self'").and.include("default-src 'none'").and.include("frame-ancestors 'none'");
    expect(policy).to.not.include('unsafe-inline').and.not.include('unsafe-eval');
    expect(page.headers.get('x-content-type-options')).to.equal('nosniff');
    const html = await page.text();
    expect(html, 'no inline script').to.not.match(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html, 'no inline handler').to.not.match(/\son\w+=/);

    const requested: string[] = [];
    tab.page.on('request', (request) => requested.push(request.url()));
    await tab.page.goto(shop.console);
    await tab.page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(requested.filter((url) => !url.startsWith(shop.url))).to.deep.equal([]);
  });
});
