/* eslint-disable @typescript-eslint/no-explicit-any -- the document is read as plain JSON */
import { expect } from 'chai';
import { type Tab, describeInBrowser, openTab } from './support/browser.js';
import { type ConsoleShop, startConsoleShop } from './support/console-shop.js';

describeInBrowser('the API docs page (/docs)', function () {
  this.timeout(30_000);
  let shop: ConsoleShop;
  let tab: Tab;

  before(async () => {
    shop = await startConsoleShop();
    tab = await openTab();
  });
  after(async () => {
    await tab?.close();
    await shop?.close();
  });

  it('renders every operation of /openapi.json with Swagger UI from the shop itself, under its CSP', async () => {
    const document: any = await (await fetch(`${shop.url}/openapi.json`)).json();
    const operations = Object.values<any>(document.paths).reduce((sum, item) => sum + Object.keys(item).length, 0);
    const { page, problems } = tab;
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${shop.url}/docs`);
    await page.getByRole('heading', { name: /weshop API/ }).first().waitFor();
    await page.locator('.opblock').nth(operations - 1).waitFor();
    expect(await page.locator('.opblock').count()).to.equal(operations);

    await page.locator('#operations-CMS-requestRefund .opblock-summary-control').click();
    await page.locator('#operations-CMS-requestRefund').getByText('80006').first().waitFor();
    await tab.screenshot('docs');

    expect(requested.filter((url) => !url.startsWith(shop.url))).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
    const policy = (await fetch(`${shop.url}/docs`)).headers.get('content-security-policy') ?? '';
    expect(policy).to.include("script-src 'self'").and.not.include('unsafe');
  });
});
