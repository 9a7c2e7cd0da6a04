import { expect } from 'chai';
import { anAddress } from '../support/mothers.js';
import { type RealShop, startRealShop } from '../support/shop.js';
import { API } from '../support/shopper.js';

describe('backing services down (production wiring)', function () {
  this.timeout(20_000);
  let real: RealShop | undefined;
  afterEach(async () => {
    await real?.close();
    real = undefined;
  });

  it('answers 503 90002 while Redis is unreachable, and keeps serving what needs no token', async () => {
    real = await startRealShop(':memory:', 'redis://127.0.0.1:1');
    const started = Date.now();
    const login = await real.http.post(`${API}/token/user`, { code: 'code-alice' });
    expect(login.status).to.equal(503);
    expect(login.body).to.deep.include({ error_code: 90002 });
    const address = await real.http.post(`${API}/address`, anAddress(), 'a'.repeat(32));
    expect(address.status).to.equal(503);
    expect(Date.now() - started).to.be.below(10_000);
    expect((await real.http.get(`${API}/product/1`)).status).to.equal(200);
    const ready = await real.http.get('/readyz');
    expect(ready.status).to.equal(503);
    expect(ready.body.checks).to.deep.equal({ database: 'ok', redis: 'unavailable' });
  });

  it('answers 503 90002 once the database is gone, without internals', async () => {
    real = await startRealShop(':memory:', '');
    const token = (await real.http.post(`${API}/token/user`, { code: 'code-alice' })).body.token as string;
    await real.resources.database.close();
    const answer = await real.http.post(`${API}/address`, anAddress(), token);
    expect(answer.status).to.equal(503);
    expect(answer.body.error_code).to.equal(90002);
    expect(answer.text).to.not.match(/kysely|sqlite|driver/i);
    expect((await real.http.get('/readyz')).status).to.equal(503);
  });
});
