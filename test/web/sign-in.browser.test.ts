import { expect } from 'chai';
import { TokenStore } from '../../src/application/index.js';
import { ADMIN_APP } from '../support/shop.js';
import { type PageGlobals, type Tab, describeInBrowser } from './support/browser.js';
import { type ConsoleShop, closeCleanTab, itGotOnlyDocumentedAnswers, signIn, startConsoleShop } from './support/console-shop.js';

describeInBrowser('the console: signing in and out', function () {
  this.timeout(30_000);
  let shop: ConsoleShop;
  let tab: Tab;

  before(async () => {
    shop = await startConsoleShop();
  });
  after(() => shop?.close());
  beforeEach(async () => {
    tab = await shop.openTab();
  });
  afterEach(() => closeCleanTab(tab));

  it('says so when the secret is wrong, then signs in with the right one and keeps the token for this tab only', async () => {
    const { page } = tab;
    await page.goto(shop.console);
    await signIn(page, ADMIN_APP.ac, 'not-the-secret');
    const alert = page.getByRole('alert');
    await alert.getByText('Wrong app id or secret.').waitFor();
    expect(await alert.textContent()).to.include('10004');
    expect(await page.getByLabel('Secret').inputValue(), 'the wrong secret is cleared').to.equal('');
    await tab.screenshot('sign-in-wrong-secret');

    await signIn(page, ADMIN_APP.ac, ADMIN_APP.se);
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    await page.getByText(`Signed in as ${ADMIN_APP.ac}`).waitFor();
    const stored = await page.evaluate(() => {
      const { sessionStorage, localStorage, document } = globalThis as unknown as PageGlobals;
      return { session: sessionStorage.getItem('weshop.console.token'), local: localStorage.length, cookies: document.cookie };
    });
    expect(stored.session).to.match(/^\w{16,}$/);
    expect(stored).to.include({ local: 0, cookies: '' });

    // Another tab of the same browser knows nothing of it.
    const other = await tab.context.newPage();
    await other.goto(shop.console);
    await other.getByRole('button', { name: 'Sign in' }).waitFor();
    await other.close();
  });

  it('locks an app id after five wrong secrets and says how long the lock lasts', async () => {
    const { page } = tab;
    await page.goto(shop.console);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(page, 'weshop-intruder', `guess-${attempt}`);
      await page.getByRole('alert').getByText('Wrong app id or secret.').waitFor();
    }
    await signIn(page, 'weshop-intruder', 'guess-6');
    const locked = page.getByRole('alert').getByText(/it is locked\. Try again in 15 minutes\./);
    await locked.waitFor();
    expect(await page.getByRole('alert').textContent()).to.include('10005');
    await tab.screenshot('sign-in-locked');
  });

  it('signs out, and the next visit asks to sign in again', async () => {
    const { page } = tab;
    await page.goto(shop.console);
    await signIn(page, ADMIN_APP.ac, ADMIN_APP.se);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.getItem('weshop.console.token'))).to.equal(null);
    expect(await page.getByLabel('App id').inputValue(), 'the app id is kept to sign in again').to.equal(ADMIN_APP.ac);
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('brings back the sign-in when the token expires, and returns to the page the operator was on', async () => {
    const shopper = await shop.shopper('expiry');
    const order = await shop.paid(shopper, [{ product_id: 3, count: 1 }]);
    const { page } = tab;
    await page.goto(`${shop.console}#/orders/${order.id}`);
    await signIn(page, ADMIN_APP.ac, ADMIN_APP.se);
    await page.getByRole('heading', { name: `Order ${order.orderNo}` }).waitFor();

    // The shop forgets the token (it expired): the next call says so.
    const token = (await page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.getItem('weshop.console.token'))) as string;
    await shop.real.container.get<TokenStore>(TokenStore).revoke(token);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByText('Your session has expired. Sign in again to go on where you were.').waitFor();
    await tab.screenshot('sign-in-expired');

    await page.getByLabel('Secret').fill(ADMIN_APP.se);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: `Order ${order.orderNo}` }).waitFor();
    expect(new URL(page.url()).hash).to.equal(`#/orders/${order.id}`);
  });

  itGotOnlyDocumentedAnswers(() => shop);
});
