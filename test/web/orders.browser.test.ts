import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { ADMIN_APP } from '../support/shop.js';
import { type PageGlobals, type Tab, describeInBrowser } from './support/browser.js';
import { type ConsoleShop, type Placed, closeCleanTab, itGotOnlyDocumentedAnswers, signIn, startConsoleShop } from './support/console-shop.js';

/** The order numbers in the list, top to bottom. */
const listedNumbers = (page: Page) => page.locator('table.list tbody th a').allTextContents();

describeInBrowser('the console: finding orders', function () {
  this.timeout(30_000);
  let shop: ConsoleShop;
  let tab: Tab;
  const unpaid: Placed[] = [];
  const paid: Placed[] = [];

  before(async () => {
    shop = await startConsoleShop();
    const alice = await shop.shopper('alice', { name: '李四' });
    for (let index = 0; index < 9; index++) paid.push(await shop.paid(alice, [{ product_id: 1 + index, count: 1 }]));
    for (let index = 0; index < 3; index++) unpaid.push(await shop.place(alice, [{ product_id: 10 + index, count: 2 }]));
  });
  after(() => shop?.close());
  beforeEach(async () => {
    tab = await shop.openTab();
  });
  afterEach(() => closeCleanTab(tab));

  const signedIn = async (hash = '') => {
    await tab.page.goto(`${shop.console}${hash}`);
    await signIn(tab.page, ADMIN_APP.ac, ADMIN_APP.se);
    await tab.page.getByRole('heading', { level: 1 }).first().waitFor();
  };

  it('lists every order newest first with its number, time, buyer, items, total, status and refunds, a page at a time', async () => {
    const { page } = tab;
    await signedIn();
    const newestFirst = [...paid, ...unpaid].reverse().map((order) => order.orderNo);
    await page.getByRole('table').waitFor();
    expect(await listedNumbers(page)).to.deep.equal(newestFirst);
    const first = page.getByRole('row').nth(1);
    for (const text of [newestFirst[0] as string, '李四 · 13800138000', '(2 pieces)', '¥0.02', 'Unpaid', 'None']) {
      expect(await first.textContent(), text).to.include(text);
    }
    expect(await first.textContent()).to.match(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    await tab.screenshot('orders');

    await page.getByLabel('Per page').selectOption('10');
    await page.getByText('newest first, page 1').waitFor();
    expect(await listedNumbers(page)).to.deep.equal(newestFirst.slice(0, 10));
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('newest first, page 2').waitFor();
    expect(await listedNumbers(page)).to.deep.equal(newestFirst.slice(10));
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled(), 'a short page is the last').to.equal(true);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByText('newest first, page 1').waitFor();
    expect(await listedNumbers(page)).to.deep.equal(newestFirst.slice(0, 10));
  });

  it('filters the list by status', async () => {
    const { page } = tab;
    await signedIn();
    await page.getByLabel('Status').selectOption({ label: 'Unpaid' });
    await page.getByText('Orders (Unpaid), newest first').waitFor();
    expect(await listedNumbers(page)).to.deep.equal(unpaid.map((order) => order.orderNo).reverse());
    await page.getByLabel('Status').selectOption({ label: 'Paid' });
    await page.getByText('Orders (Paid), newest first').waitFor();
    expect(await listedNumbers(page)).to.have.members(paid.map((order) => order.orderNo));
    await tab.screenshot('orders-paid');
    await page.getByLabel('Status').selectOption({ label: 'Closed' });
    await page.getByText('No orders with status “Closed” yet.').waitFor();
  });

  it('opens an order: its lines, the address it was placed with, its payment attempts and refunds', async () => {
    const { page } = tab;
    await signedIn();
    const order = paid[2] as Placed;
    await page.getByRole('link', { name: order.orderNo }).click();
    await page.getByRole('heading', { name: `Order ${order.orderNo}`, level: 1 }).waitFor();
    const section = (name: string) => page.getByRole('region', { name });
    expect(await section('Summary').textContent()).to.include('Paid').and.include('¥0.01');
    expect(await section('Lines').getByRole('row').nth(1).textContent()).to.include('素米 327克').and.include('¥0.01');
    expect(await section('Delivery address').textContent()).to.include('李四 · 13800138000').and.include('某路 1 号');
    expect(await section('Payment attempts').getByRole('row').nth(1).textContent()).to.include(order.orderNo);
    expect(await section('Refunds').textContent()).to.include('No refunds.');
    await tab.screenshot('order');
    await page.getByRole('link', { name: '← Back to the orders' }).click();
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
  });

  it('reads well at phone width: one card per order, nothing wider than the screen', async () => {
    await tab.close();
    tab = await shop.openTab({ width: 390, height: 844 });
    const { page } = tab;
    await signedIn();
    await page.getByRole('table').waitFor();
    const widths = await page.evaluate(() => {
      const { document, innerWidth } = globalThis as unknown as PageGlobals;
      return { content: document.documentElement.scrollWidth, screen: innerWidth };
    });
    expect(widths.content).to.be.at.most(widths.screen);
    expect(await page.getByText('Number').first().isVisible(), 'each card labels its lines').to.equal(true);
    await tab.screenshot('orders-phone');
    await page.getByRole('link', { name: (paid[0] as Placed).orderNo }).click();
    await page.getByRole('region', { name: 'Refunds' }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth <= (globalThis as unknown as PageGlobals).innerWidth)).to.equal(true);
    await tab.screenshot('order-phone');
  });

  it('works by keyboard alone, from signing in to delivering', async () => {
    const { page } = tab;
    const order = paid[8] as Placed;
    await page.goto(shop.console);
    const focused = () =>
      page.evaluate(() => {
        const { activeElement } = (globalThis as unknown as PageGlobals).document;
        return activeElement?.getAttribute('id') ?? activeElement?.textContent ?? '';
      });
    expect(await focused()).to.equal('app-id');
    await page.keyboard.type(ADMIN_APP.ac);
    await page.keyboard.press('Tab');
    await page.keyboard.type(ADMIN_APP.se);
    await page.keyboard.press('Enter');
    await page.getByRole('table').waitFor();
    for (let presses = 0; presses < 30 && (await focused()) !== order.orderNo; presses++) await page.keyboard.press('Tab');
    expect(await focused()).to.equal(order.orderNo);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Order ${order.orderNo}` }).waitFor();
    for (let presses = 0; presses < 30 && (await focused()) !== 'deliver-logistics-type'; presses++) await page.keyboard.press('Tab');
    await page.keyboard.type('3');
    expect(await page.getByLabel('How it ships').inputValue(), 'chosen by typing its number').to.equal('virtual');
    await page.keyboard.press('Tab');
    expect(await focused()).to.equal('Deliver order');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Deliver order ${order.orderNo}?` });
    await dialog.waitFor();
    expect(await focused(), 'the safe choice first').to.equal('Cancel');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText(`Order ${order.orderNo} is delivered.`).waitFor();
  });

  itGotOnlyDocumentedAnswers(() => shop);
});
