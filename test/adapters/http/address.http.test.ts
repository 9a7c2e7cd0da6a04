import { expect } from 'chai';
import { anAddress } from '../../support/mothers.js';
import { API, type MemoryHttpShop, startMemoryHttpShop } from './support/memory-http-shop.js';

describe('HTTP address routes', () => {
  let shop: MemoryHttpShop;
  beforeEach(async () => {
    shop = await startMemoryHttpShop();
  });
  afterEach(() => shop.close());

  it('GET address answers 404 60001 until one is saved; POST answers 201 {code, msg, errorCode}', async () => {
    const token = await shop.shopper.login('alice');
    const none = await shop.http.get(`${API}/address`, token);
    expect(none.status).to.equal(404);
    expect(none.body.error_code).to.equal(60001);
    const saved = await shop.http.post(`${API}/address`, anAddress(), token);
    expect(saved.status).to.equal(201);
    expect(saved.body).to.deep.equal({ code: 201, msg: 'ok', errorCode: 0 });
    const read = await shop.http.get(`${API}/address`, token);
    expect(read.status).to.equal(200);
    expect(read.body).to.deep.equal(anAddress());
  });

  it('keeps each user to their own address', async () => {
    const alice = await shop.shopper.buyer('alice');
    const bob = await shop.shopper.login('bob');
    await shop.http.post(`${API}/address`, anAddress({ name: '李四', mobile: '19912345678' }), bob);
    expect((await shop.http.get(`${API}/address`, alice)).body.name).to.equal('张三');
    expect((await shop.http.get(`${API}/address`, bob)).body.name).to.equal('李四');
  });

  it('stores unicode and SQL metacharacters verbatim', async () => {
    const token = await shop.shopper.login('alice');
    const odd = anAddress({ detail: "路'; DROP TABLE user;-- 🏠 \"x\"" });
    expect((await shop.http.post(`${API}/address`, odd, token)).status).to.equal(201);
    expect((await shop.http.get(`${API}/address`, token)).body.detail).to.equal(odd.detail);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['a landline', { ...anAddress(), mobile: '02012345678' }, 'mobile'],
    ['a 12-digit mobile', { ...anAddress(), mobile: '138001380001' }, 'mobile'],
    ['a 12x mobile', { ...anAddress(), mobile: '12800138000' }, 'mobile'],
    ['a numeric mobile', { ...anAddress(), mobile: 13800138000 }, 'mobile'],
    ['no name', { ...anAddress(), name: undefined }, 'name'],
    ['a blank name', { ...anAddress(), name: '   ' }, 'name'],
    ['a 121-character detail', { ...anAddress(), detail: 'x'.repeat(121) }, 'detail'],
  ];
  for (const [what, body, field] of invalid) {
    it(`refuses ${what} with 400 10000 naming ${field}, saving nothing`, async () => {
      const token = await shop.shopper.login('alice');
      const answer = await shop.http.post(`${API}/address`, body, token);
      expect(answer.status).to.equal(400);
      expect(answer.body.error_code).to.equal(10000);
      expect(answer.body.msg).to.contain(field);
      expect(shop.db.state.addresses.size).to.equal(0);
    });
  }

  it('needs a user token: none or unknown → 401 10001, a super token → 403 10002', async () => {
    expect((await shop.http.get(`${API}/address`)).body.error_code).to.equal(10001);
    expect((await shop.http.get(`${API}/address`, 'f'.repeat(32))).status).to.equal(401);
    const cms = await shop.shopper.superToken();
    const forbidden = await shop.http.post(`${API}/address`, anAddress(), cms);
    expect(forbidden.status).to.equal(403);
    expect(forbidden.body.error_code).to.equal(10002);
    expect(shop.db.state.addresses.size).to.equal(0);
  });
});
