import { expect } from 'chai';
import { API, type MemoryHttpShop, startMemoryHttpShop } from './support/memory-http-shop.js';

describe('HTTP catalog routes (zerg shapes)', () => {
  let shop: MemoryHttpShop;
  before(async () => {
    shop = await startMemoryHttpShop();
  });
  after(() => shop.close());

  it('GET banner/:id nests each item image as img:{url}', async () => {
    const { status, body } = await shop.http.get(`${API}/banner/1`);
    expect(status).to.equal(200);
    expect(body).to.deep.equal({
      id: 1,
      name: '首页置顶',
      description: '首页轮播图',
      items: [{ id: 1, key_word: '1', type: 1, img: { url: 'https://img.example/b1.png' } }],
    });
  });

  it('GET theme?ids= answers the themes in the order asked, with topic_img and head_img', async () => {
    const { status, body } = await shop.http.get(`${API}/theme?ids=2,1,9`);
    expect(status).to.equal(200);
    expect(body.map((theme: { id: number }) => theme.id)).to.deep.equal([2, 1]);
    expect(body[1]).to.deep.equal({
      id: 1,
      name: '专题栏位一',
      description: '美味水果世界',
      topic_img: { url: 'https://img.example/t1.png' },
      head_img: { url: 'https://img.example/h1.png' },
    });
  });

  it('GET theme/:id lists its products with yuan prices, leaving deleted ones out', async () => {
    const { status, body } = await shop.http.get(`${API}/theme/1`);
    expect(status).to.equal(200);
    expect(body.products.map((product: { id: number; price: string }) => [product.id, product.price])).to.deep.equal([
      [2, '2.50'],
      [1, '0.01'],
    ]);
  });

  it('GET product/recent answers newest first, count bounded 1..15', async () => {
    const { body } = await shop.http.get(`${API}/product/recent?count=2`);
    expect(body.map((product: { id: number }) => product.id)).to.deep.equal([3, 2]);
    expect(body[0]).to.deep.equal({
      id: 3,
      name: '商品3',
      price: '19.99',
      stock: 0,
      category_id: 2,
      main_img_url: 'https://img.example/p3.png',
      summary: 'summary 3',
      img_id: 3,
    });
    expect((await shop.http.get(`${API}/product/recent`)).body).to.have.length(3);
    for (const count of ['0', '16', '-1', '1.5', 'abc']) {
      const answer = await shop.http.get(`${API}/product/recent?count=${count}`);
      expect(answer.status, count).to.equal(400);
      expect(answer.body.error_code).to.equal(10000);
      expect(answer.body.msg).to.contain('count');
    }
  });

  it('GET product/by_category?id= lists a category; id is required', async () => {
    expect((await shop.http.get(`${API}/product/by_category?id=1`)).body.map((p: { id: number }) => p.id)).to.deep.equal([1, 2]);
    expect((await shop.http.get(`${API}/product/by_category?id=99`)).body).to.deep.equal([]);
    const missing = await shop.http.get(`${API}/product/by_category`);
    expect(missing.status).to.equal(400);
    expect(missing.body).to.deep.include({ error_code: 10000, request_url: `${API}/product/by_category` });
  });

  it('GET product/:id carries imgs:[{img_url:{url}, order}] in order and properties', async () => {
    const { status, body } = await shop.http.get(`${API}/product/2`);
    expect(status).to.equal(200);
    expect(body).to.deep.include({ id: 2, price: '2.50' });
    expect(body.imgs).to.deep.equal([
      { img_url: { url: 'https://img.example/p2-1.png' }, order: 1 },
      { img_url: { url: 'https://img.example/p2-2.png' }, order: 2 },
    ]);
    expect(body.properties).to.deep.equal([{ name: '品名', detail: '商品2' }]);
  });

  it('GET category/all nests img:{url}', async () => {
    const { body } = await shop.http.get(`${API}/category/all`);
    expect(body).to.deep.equal([
      { id: 1, name: '果味', description: '', img: { url: 'https://img.example/c1.png' } },
      { id: 2, name: '蔬菜', description: '', img: { url: 'https://img.example/c2.png' } },
    ]);
  });

  const notFound: [string, number][] = [
    ['/banner/9', 40000],
    ['/theme/9', 30000],
    ['/product/9', 20000],
    ['/product/4', 20000],
  ];
  for (const [path, errorCode] of notFound) {
    it(`GET ${path} → 404 error_code ${errorCode}`, async () => {
      const { status, body } = await shop.http.get(API + path);
      expect(status).to.equal(404);
      expect(body).to.deep.include({ error_code: errorCode, request_url: API + path });
      expect(body.msg).to.be.a('string').and.not.empty;
    });
  }

  const badIds = ['0', '-1', '1.5', 'abc', '99999999999', '1e3', '%20'];
  for (const id of badIds) {
    it(`GET product/${id} → 400 naming id`, async () => {
      const { status, body } = await shop.http.get(`${API}/product/${id}`);
      expect(status).to.equal(400);
      expect(body.error_code).to.equal(10000);
      expect(body.msg).to.match(/^id /);
    });
  }

  it('GET theme?ids= refuses missing, malformed and too many ids', async () => {
    for (const query of ['', '?ids=', '?ids=1,,2', '?ids=a', `?ids=${Array.from({ length: 51 }, (_, i) => i + 1).join(',')}`]) {
      const answer = await shop.http.get(`${API}/theme${query}`);
      expect(answer.status, query).to.equal(400);
      expect(answer.body.error_code).to.equal(10000);
    }
  });

  it('answers 404 error_code 10006 for an unknown version or route, 405 for a wrong method', async () => {
    const v2 = await shop.http.get('/api/v2/banner/1');
    expect(v2.status).to.equal(404);
    expect(v2.body.error_code).to.equal(10006);
    const nowhere = await shop.http.get(`${API}/nowhere`);
    expect(nowhere.status).to.equal(404);
    expect(nowhere.body).to.deep.include({ error_code: 10006, request_url: `${API}/nowhere` });
    const wrongMethod = await shop.http.raw('DELETE', `${API}/banner/1`, undefined, {});
    expect(wrongMethod.status).to.equal(405);
    expect(wrongMethod.body.error_code).to.equal(10006);
  });
});
