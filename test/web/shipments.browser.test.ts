import { expect } from 'chai';
import { type PageGlobals, type Tab, describeInBrowser } from './support/browser.js';
import { type ConsoleShop, type Placed, closeCleanTab, itGotOnlyDocumentedAnswers, openOrder, startConsoleShop } from './support/console-shop.js';

describeInBrowser('the console: shipments and WeChat', function () {
  this.timeout(30_000);
  let shop: ConsoleShop;
  let tab: Tab;
  let buyer: string;

  before(async () => {
    shop = await startConsoleShop();
    buyer = await shop.shopper('carol', { name: '赵六' });
  });
  after(() => shop?.close());
  beforeEach(async () => {
    tab = await shop.openTab();
  });
  afterEach(() => closeCleanTab(tab));

  const open = (order: Placed) => openOrder(tab.page, shop, order);
  const shipments = () => tab.page.getByRole('region', { name: 'Shipments' });
  /** WeChat (the sandbox) pushes a shipping-management event about an order to the shop. */
  const push = async (what: 'remind' | 'confirm', order: Placed) => {
    const pushed = await fetch(`${shop.sandbox.url}/sandbox/mini-program/${what}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ out_trade_no: order.orderNo }),
    });
    expect(((await pushed.json()) as { answer: string }).answer).to.equal('success');
  };

  it('delivers by express in two parcels, then shows each parcel, the upload becoming Uploaded after the jobs run, and what WeChat pushed', async () => {
    const order = await shop.paid(buyer, [{ product_id: 5, count: 1 }]);
    const { page } = tab;
    await push('remind', order);
    await open(order);
    await shipments().getByText('WeChat’s shipping management covers this mini-program').waitFor();
    expect(await shipments().textContent()).to.include('Not shipped yet.').and.include('Reminded to ship').and.include('Yes, 1 time');

    await page.getByLabel('How it ships').selectOption('express');
    await page.getByLabel('Carrier of parcel 1').fill('SF');
    await page.getByLabel('Tracking number of parcel 1').fill('SF1400000001');
    await page.getByRole('button', { name: 'Add a parcel' }).click();
    expect(await page.getByLabel('Carrier of parcel 2').evaluate((input) => input === input.ownerDocument.activeElement), 'the new parcel takes the focus').to.equal(true);
    await page.getByLabel('Carrier of parcel 2').fill('ZTO');
    await page.getByRole('button', { name: 'Deliver order' }).click();
    await page.getByRole('form', { name: 'Deliver' }).getByRole('alert').getByText('Enter the tracking number of parcel 2.').waitFor();
    await page.getByLabel('Tracking number of parcel 2').fill('ZTO7300000002');
    await tab.screenshot('deliver-express-form');
    await page.getByRole('button', { name: 'Deliver order' }).click();
    const dialog = page.getByRole('dialog', { name: `Deliver order ${order.orderNo}?` });
    await dialog.getByText('Parcel 2: 中通快递 (ZTO) ZTO7300000002').waitFor();
    await dialog.getByRole('button', { name: 'Deliver' }).click();
    await page.getByRole('status').getByText(`Order ${order.orderNo} is delivered.`).waitFor();

    const parcels = shipments().getByRole('table', { name: 'Parcels of shipment 1' }).getByRole('row');
    await parcels.nth(2).waitFor();
    expect(await parcels.nth(1).textContent()).to.include('顺丰速运 (SF)').and.include('SF1400000001');
    expect(await parcels.nth(2).textContent()).to.include('中通快递 (ZTO)').and.include('ZTO7300000002');
    const shipment = () => shipments().getByRole('article', { name: 'Shipment 1: the delivery' });
    expect(await shipment().textContent()).to.include('1 · Express').and.include('Waiting to upload').and.include('None: the buyer allowed no message');

    expect((await shop.real.jobs.runOnce()).outbox.outcomes).to.deep.equal({ DONE: 1 });
    await push('confirm', order);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await shipment().getByText('Uploaded').waitFor();
    expect(await shipments().textContent()).to.include('Receipt confirmed').and.include('(by the buyer)');
    await tab.screenshot('shipments-uploaded');
  });

  it('says plainly when WeChat does not know a carrier, and puts the operator back on that parcel', async () => {
    const order = await shop.paid(buyer, [{ product_id: 21, count: 1 }]);
    const { page } = tab;
    await open(order);
    await page.getByLabel('How it ships').selectOption('express');
    await page.getByLabel('Carrier of parcel 1').fill('SF');
    await page.getByLabel('Tracking number of parcel 1').fill('SF1400000003');
    await page.getByRole('button', { name: 'Add a parcel' }).click();
    await page.getByLabel('Carrier of parcel 2').fill('NOPE');
    await page.getByLabel('Tracking number of parcel 2').fill('NP0001');
    await page.getByRole('button', { name: 'Deliver order' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deliver' }).click();
    const alert = page.getByRole('form', { name: 'Deliver' }).getByRole('alert');
    await alert.getByText('WeChat does not know the carrier “NOPE” of parcel 2. Choose one of WeChat’s carriers from the list.').waitFor();
    expect(await alert.textContent()).to.include('(error 10000)');
    expect(await page.getByLabel('Carrier of parcel 2').evaluate((input) => input === input.ownerDocument.activeElement)).to.equal(true);
    await tab.screenshot('deliver-unknown-carrier');
    expect(await shipments().textContent(), 'nothing shipped').to.include('Not shipped yet.');
  });

  it('re-ships a delivered order once, after which the re-shipment is offered no more', async () => {
    const order = await shop.paid(buyer, [{ product_id: 22, count: 1 }]);
    const cms = await shop.superToken();
    expect((await shop.http.put('/api/v1/order/delivery', { id: order.id, logistics_type: 'self_pickup' }, cms)).status).to.equal(201);
    const { page } = tab;
    await open(order);
    expect(await page.getByRole('button', { name: 'Deliver order' }).count()).to.equal(0);
    expect(await shipments().getByRole('article', { name: 'Shipment 1: the delivery' }).textContent()).to.include('4 · Self-pickup');

    const reship = page.getByRole('form', { name: 'Re-ship' });
    await reship.getByLabel('How it ships').selectOption('express');
    await reship.getByLabel('Carrier of parcel 1').fill('YTO');
    await reship.getByLabel('Tracking number of parcel 1').fill('YT9000000001');
    await reship.getByRole('button', { name: 'Re-ship order' }).click();
    const dialog = page.getByRole('dialog', { name: `Re-ship order ${order.orderNo}?` });
    await dialog.getByText('This is the one re-shipment WeChat allows; there is no other.').waitFor();
    await dialog.getByRole('button', { name: 'Re-ship' }).click();
    await page.getByRole('status').getByText(`Order ${order.orderNo} is re-shipped.`).waitFor();
    const second = shipments().getByRole('article', { name: 'Shipment 2: the re-shipment' });
    await second.waitFor();
    expect(await second.textContent()).to.include('圆通速递 (YTO)').and.include('YT9000000001');
    expect(await page.getByRole('form', { name: 'Re-ship' }).count(), 'the one re-shipment is used').to.equal(0);
    await tab.screenshot('order-reshipped');
  });

  it('shows markup in a tracking number as the characters typed, and runs none of it', async () => {
    const order = await shop.paid(buyer, [{ product_id: 5, count: 1 }]);
    const hostile = '<img/src=x/onerror=alert(1)><b>SF</b>';
    const cms = await shop.superToken();
    const body = { id: order.id, logistics_type: 'express', parcels: [{ carrier_code: 'SF', tracking_no: hostile }] };
    expect((await shop.http.put('/api/v1/order/delivery', body, cms)).status).to.equal(201);
    const { page } = tab;
    page.on('dialog', (dialog) => tab.problems.push(`a dialog opened: ${dialog.message()}`));
    await open(order);
    await shipments().getByText(hostile, { exact: true }).waitFor();
    const injected = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelectorAll('main img[src="x"], main b').length);
    expect(injected).to.equal(0);
  });

  it('reads well at phone width: the shipments, their parcels and a re-shipment of two parcels fit the screen', async () => {
    const order = await shop.paid(buyer, [{ product_id: 7, count: 1 }]);
    const parcels = [{ carrier_code: 'JTSD', tracking_no: 'JT0000000000000001' }, { carrier_code: 'EMS', tracking_no: 'EMS9876543210CN' }];
    expect((await shop.http.put('/api/v1/order/delivery', { id: order.id, logistics_type: 'express', parcels }, await shop.superToken())).status).to.equal(201);
    await tab.close();
    tab = await shop.openTab({ width: 390, height: 844 });
    const { page } = tab;
    await open(order);
    await shipments().getByText('极兔速递 (JTSD)').waitFor();
    const reship = page.getByRole('form', { name: 'Re-ship' });
    await reship.getByLabel('How it ships').selectOption('express');
    await reship.getByRole('button', { name: 'Add a parcel' }).click();
    const fits = () => page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth <= (globalThis as unknown as PageGlobals).innerWidth);
    expect(await fits()).to.equal(true);
    await tab.screenshot('shipments-phone');
  });

  itGotOnlyDocumentedAnswers(() => shop);
});
