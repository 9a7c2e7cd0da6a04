import { expect } from 'chai';
import { ADMIN_APP } from '../support/shop.js';
import { type Tab, describeInBrowser } from './support/browser.js';
import { type ConsoleShop, type Placed, closeCleanTab, itGotOnlyDocumentedAnswers, openOrder, signIn, startConsoleShop } from './support/console-shop.js';

describeInBrowser('the console: delivering and refunding', function () {
  this.timeout(30_000);
  let shop: ConsoleShop;
  let tab: Tab;
  let buyer: string;

  before(async () => {
    shop = await startConsoleShop();
    buyer = await shop.shopper('bob', { name: '王五' });
  });
  after(() => shop?.close());
  beforeEach(async () => {
    tab = await shop.openTab();
  });
  afterEach(() => closeCleanTab(tab));

  /** Signed in, looking at the order's page. */
  const open = (order: Placed) => openOrder(tab.page, shop, order);
  const summary = () => tab.page.getByRole('region', { name: 'Summary' }).textContent();

  it('delivers a paid order only once the operator confirms, shows the answer, and the list says Delivered', async () => {
    const order = await shop.paid(buyer, [{ product_id: 5, count: 1 }]);
    const { page } = tab;
    await open(order);
    await page.getByLabel('How it ships').selectOption('virtual');
    await page.getByRole('button', { name: 'Deliver order' }).click();
    const dialog = page.getByRole('dialog', { name: `Deliver order ${order.orderNo}?` });
    await dialog.waitFor();
    await tab.screenshot('deliver-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await summary()).to.include('StatusPaid');

    await page.getByRole('button', { name: 'Deliver order' }).click();
    await dialog.getByRole('button', { name: 'Deliver' }).click();
    await page.getByRole('status').getByText(`Order ${order.orderNo} is delivered.`).waitFor();
    await page.getByRole('region', { name: 'Summary' }).getByText('Delivered').waitFor();
    expect(await page.getByRole('button', { name: 'Deliver order' }).count(), 'nothing left to deliver').to.equal(0);
    await tab.screenshot('order-delivered');

    await page.getByRole('link', { name: '← Back to the orders' }).click();
    const row = page.getByRole('row').filter({ hasText: order.orderNo });
    await row.waitFor();
    expect(await row.textContent()).to.include('Delivered');
  });

  it('refunds part, then the rest, each with a reason, and shows each refund become Refunded when WeChat settles it', async () => {
    const order = await shop.paid(buyer, [{ product_id: 22, count: 2 }]);
    const { page } = tab;
    await open(order);
    expect(await summary()).to.include('Left to refund¥31.60');
    expect(await page.getByLabel('Amount (yuan)').inputValue(), 'all that is left, to begin with').to.equal('31.60');

    await page.getByLabel('Amount (yuan)').fill('10');
    await page.getByLabel('Reason').fill('少发一件');
    await page.getByRole('button', { name: 'Refund…' }).click();
    const first = page.getByRole('dialog', { name: `Refund ¥10.00 of order ${order.orderNo}?` });
    await first.getByText('Reason: 少发一件').waitFor();
    await tab.screenshot('refund-confirm');
    await first.getByRole('button', { name: 'Refund' }).click();
    await page.getByRole('status').getByText(/Refund R\S+ of ¥10\.00 is recorded: WeChat Pay is refunding it\./).waitFor();
    await page.getByRole('region', { name: 'Refunds' }).getByText('Refunding', { exact: true }).waitFor();
    expect(await summary()).to.include('Left to refund¥21.60');

    expect(await page.getByLabel('Amount (yuan)').inputValue()).to.equal('21.60');
    await page.getByLabel('Reason').fill('整单退款');
    await page.getByRole('button', { name: 'Refund…' }).click();
    await page.getByRole('dialog', { name: `Refund ¥21.60 of order ${order.orderNo}?` }).getByRole('button', { name: 'Refund' }).click();
    await page.getByRole('status').getByText(/of ¥21\.60 is recorded/).waitFor();
    const refunds = page.getByRole('region', { name: 'Refunds' }).getByRole('row');
    await page.getByRole('region', { name: 'Refunds' }).getByText('整单退款').waitFor();
    expect(await refunds.count()).to.equal(3);
    expect(await page.getByRole('button', { name: 'Refund…' }).count(), 'nothing is left to refund').to.equal(0);

    // WeChat settles both (the sandbox's control API), and its notifications reach the shop.
    for (const refund of shop.sandbox.refunds()) {
      const settled = await fetch(`${shop.sandbox.url}/sandbox/refunds/settle`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ out_refund_no: refund.outRefundNo, status: 'SUCCESS' }),
      });
      expect(settled.status).to.equal(200);
    }
    await shop.sandbox.idle();
    await page.getByRole('button', { name: 'Refresh' }).click();
    // Exact: the Why column's "Refunded by the shop" holds the word too.
    await page.getByRole('region', { name: 'Refunds' }).getByText('Refunded', { exact: true }).nth(1).waitFor();
    expect(await page.getByRole('region', { name: 'Refunds' }).getByText('Refunding', { exact: true }).count()).to.equal(0);
    await tab.screenshot('order-refunded');

    await page.getByRole('link', { name: '← Back to the orders' }).click();
    const row = page.getByRole('row').filter({ hasText: order.orderNo });
    await row.waitFor();
    expect(await row.textContent()).to.include('Refunded ¥31.60');
  });

  it('shows what the shop answers when it refuses: an order delivered meanwhile, a refund beyond what is left', async () => {
    const order = await shop.paid(buyer, [{ product_id: 21, count: 1 }]);
    const { page } = tab;
    await open(order);

    // Another operator acts first, behind this page's back.
    const cms = await shop.superToken();
    expect((await shop.http.put('/api/v1/order/delivery', { id: order.id }, cms)).status).to.equal(201);
    expect((await shop.http.post('/api/v1/order/refund', { id: order.id, refund_fee: '20.00', reason: '破损' }, cms)).status).to.equal(201);

    await page.getByLabel('How it ships').selectOption('virtual');
    await page.getByRole('button', { name: 'Deliver order' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deliver' }).click();
    const deliverAlert = page.getByRole('form', { name: 'Deliver' }).getByRole('alert');
    await deliverAlert.getByText('Only a paid order that has not been delivered can be delivered.').waitFor();
    expect(await deliverAlert.textContent()).to.include('(error 80002)');

    await page.getByLabel('Amount (yuan)').fill('100');
    await page.getByLabel('Reason').fill('全部退回');
    await page.getByRole('button', { name: 'Refund…' }).click();
    const refundAlert = page.getByRole('form', { name: 'Refund' }).getByRole('alert');
    await refundAlert.getByText('Enter an amount from 0.01 to 29.90, in yuan (like 12.50).').waitFor();
    expect(await page.getByRole('dialog').count(), 'nothing to confirm').to.equal(0);

    await page.getByLabel('Amount (yuan)').fill('29.90');
    await page.getByRole('button', { name: 'Refund…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Refund' }).click();
    await refundAlert.getByText('This refund is not possible.').waitFor();
    expect(await refundAlert.textContent()).to.include('more than is left to refund').and.include('(error 80006)');
    await tab.screenshot('refund-refused');

    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('region', { name: 'Summary' }).getByText('Delivered').waitFor();
    expect(await summary()).to.include('Left to refund¥9.90');
  });

  it('says so when the order does not exist', async () => {
    const { page } = tab;
    await page.goto(`${shop.console}#/orders/999999`);
    await signIn(page, ADMIN_APP.ac, ADMIN_APP.se);
    await page.getByRole('alert').getByText('There is no such order.').waitFor();
  });

  itGotOnlyDocumentedAnswers(() => shop);
});
