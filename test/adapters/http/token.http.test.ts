import { expect } from 'chai';
import { API, type MemoryHttpShop, startMemoryHttpShop } from './support/memory-http-shop.js';
import { CMS_APP } from './support/catalog-fixture.js';

describe('HTTP token routes', () => {
  let shop: MemoryHttpShop;
  beforeEach(async () => {
    shop = await startMemoryHttpShop();
  });
  afterEach(() => shop.close());

  it('token/user trades a wx.login code for a 128-bit random token; the same openid is the same user', async () => {
    const first = await shop.http.post(`${API}/token/user`, { code: 'alice' });
    expect(first.status).to.equal(200);
    expect(first.body.token).to.match(/^[0-9a-f]{32,}$/);
    const second = await shop.http.post(`${API}/token/user`, { code: 'alice' });
    expect(second.body.token).to.not.equal(first.body.token);
    expect(shop.db.state.users.size).to.equal(1);
  });

  it('token/user refuses a code WeChat refuses (400 10008) and an empty one (400 10000)', async () => {
    const refused = await shop.http.post(`${API}/token/user`, { code: 'invalid-code' });
    expect(refused.status).to.equal(400);
    expect(refused.body.error_code).to.equal(10008);
    const empty = await shop.http.post(`${API}/token/user`, { code: '' });
    expect(empty.status).to.equal(400);
    expect(empty.body).to.deep.include({ error_code: 10000 });
    expect(empty.body.msg).to.contain('code');
  });

  it('token/verify says whether a token is live; it expires after its TTL', async () => {
    const token = await shop.shopper.login('alice');
    expect((await shop.http.post(`${API}/token/verify`, { token })).body).to.deep.equal({ isValid: true });
    expect((await shop.http.post(`${API}/token/verify`, { token: 'nope' })).body).to.deep.equal({ isValid: false });
    shop.clock.advance(7200 * 1000);
    expect((await shop.http.post(`${API}/token/verify`, { token })).body).to.deep.equal({ isValid: false });
    const expired = await shop.http.get(`${API}/address`, token);
    expect(expired.status).to.equal(401);
    expect(expired.body.error_code).to.equal(10001);
  });

  it('token/app gives the CMS a super token for the right secret', async () => {
    const answer = await shop.http.post(`${API}/token/app`, CMS_APP);
    expect(answer.status).to.equal(200);
    const identity = await shop.deps.tokens.verify(answer.body.token);
    expect(identity).to.deep.include({ scope: 'super', uid: 1 });
  });

  it('token/app gives no token to an app whose row is not scoped super: its id would name a user', async () => {
    const { secretHash } = shop.db.state.thirdApps.get(CMS_APP.ac)!;
    shop.db.state.thirdApps.set('misfiled', { id: 2, appId: 'misfiled', secretHash, scope: 'user' });
    const answer = await shop.http.post(`${API}/token/app`, { ac: 'misfiled', se: CMS_APP.se });
    expect(answer.status).to.equal(401);
    expect(answer.body.error_code).to.equal(10004);
  });

  it('token/app refuses a wrong secret or unknown app (401 10004), then locks the app id after 5 failures (429 10005)', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await shop.http.post(`${API}/token/app`, { ac: CMS_APP.ac, se: `wrong-${attempt}` });
      expect(wrong.status).to.equal(401);
      expect(wrong.body.error_code).to.equal(10004);
    }
    const locked = await shop.http.post(`${API}/token/app`, CMS_APP);
    expect(locked.status).to.equal(429);
    expect(locked.body.error_code).to.equal(10005);
    expect(locked.headers.get('retry-after')).to.equal('900');
    shop.clock.advance(15 * 60 * 1000);
    expect((await shop.http.post(`${API}/token/app`, CMS_APP)).status).to.equal(200);
    const unknown = await shop.http.post(`${API}/token/app`, { ac: 'nobody', se: 'x' });
    expect(unknown.status).to.equal(401);
    expect(unknown.body.error_code).to.equal(10004);
  });

  it('token/app checks at most 5 secrets per app id even when 20 guesses arrive at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => shop.http.post(`${API}/token/app`, { ac: CMS_APP.ac, se: `guess-${i}` })),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).to.have.length(5);
    expect(statuses.filter((status) => status === 429)).to.have.length(15);
  });
});
