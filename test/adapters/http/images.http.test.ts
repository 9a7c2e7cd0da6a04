import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { DEMO_IMAGES_DIR } from '../../../src/config.js';
import { API, IMAGE_BASE, type MemoryHttpShop, startMemoryHttpShop } from './support/memory-http-shop.js';

describe('HTTP images: GET /images/… from IMAGES_DIR', () => {
  let shop: MemoryHttpShop;
  const file = 'banner-1a.png';
  const bytes = readFileSync(join(DEMO_IMAGES_DIR, file));
  before(async () => {
    shop = await startMemoryHttpShop();
  });
  after(() => shop.close());

  it('serves an image with its content type, length, validators and Cache-Control', async () => {
    const answer = await shop.http.target('GET', `/images/${file}`);
    expect(answer.status).to.equal(200);
    expect(answer.bytes?.equals(bytes)).to.equal(true);
    expect(answer.headers.get('content-type')).to.equal('image/png');
    expect(answer.headers.get('content-length')).to.equal(String(bytes.length));
    expect(answer.headers.get('etag')).to.match(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    expect(answer.headers.get('last-modified')).to.equal(statSync(join(DEMO_IMAGES_DIR, file)).mtime.toUTCString());
    expect(answer.headers.get('cache-control')).to.equal('public, max-age=86400');
    expect(answer.headers.get('x-content-type-options')).to.equal('nosniff');
  });

  it('answers HEAD with the same headers and no body', async () => {
    const get = await shop.http.target('GET', `/images/${file}`);
    const head = await shop.http.target('HEAD', `/images/${file}`);
    expect(head.status).to.equal(200);
    expect(head.bytes?.length).to.equal(0);
    for (const name of ['content-type', 'content-length', 'etag', 'last-modified', 'cache-control']) {
      expect(head.headers.get(name), name).to.equal(get.headers.get(name));
    }
  });

  it('answers 304 without a body to a matching If-None-Match or a later If-Modified-Since, 200 otherwise', async () => {
    const { headers } = await shop.http.target('GET', `/images/${file}`);
    const etag = headers.get('etag')!;
    const lastModified = headers.get('last-modified')!;
    const conditional = (extra: Record<string, string>) => shop.http.target('GET', `/images/${file}`, extra);

    const byTag = await conditional({ 'if-none-match': etag });
    expect(byTag.status).to.equal(304);
    expect(byTag.bytes?.length).to.equal(0);
    expect(byTag.headers.get('etag')).to.equal(etag);
    expect((await conditional({ 'if-none-match': `"other", ${etag}` })).status).to.equal(304);
    expect((await conditional({ 'if-none-match': '*' })).status).to.equal(304);
    expect((await conditional({ 'if-modified-since': lastModified })).status).to.equal(304);
    expect((await conditional({ 'if-modified-since': new Date(Date.now() + 60_000).toUTCString() })).status).to.equal(304);

    const stale = await conditional({ 'if-none-match': '"something-else"' });
    expect(stale.status).to.equal(200);
    expect(stale.bytes?.equals(bytes)).to.equal(true);
    expect((await conditional({ 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' })).status).to.equal(200);
    // If-None-Match decides when both are sent.
    expect((await conditional({ 'if-none-match': '"something-else"', 'if-modified-since': lastModified })).status).to.equal(200);
  });

  it('answers 404 in the zerg body for a missing image, and leaves other methods to the API\'s 404', async () => {
    const missing = await shop.http.target('GET', '/images/nothing-here.png');
    expect(missing.status).to.equal(404);
    expect(missing.body).to.deep.include({ error_code: 10006, msg: 'no such image', request_url: '/images/nothing-here.png' });
    const posted = await shop.http.target('POST', `/images/${file}`);
    expect(posted.status).to.equal(404);
    expect(posted.body.error_code).to.equal(10006);
  });

  it('names the shop\'s own images (from = 1) under the image base, and order snapshots alike', async () => {
    shop.db.state.banners.set(2, {
      id: 2,
      name: 'own',
      description: '',
      items: [
        { id: 7, keyWord: '1', type: 1, img: { url: '/banner-1a.png', from: 1 } },
        { id: 8, keyWord: '2', type: 1, img: { url: 'banner 2a.png', from: 1 } },
        { id: 9, keyWord: '2', type: 1, img: { url: 'http://elsewhere.example/b.png', from: 2 } },
      ],
    });
    const banner = await shop.http.get(`${API}/banner/2`);
    expect(banner.body.items.map((item: { img: { url: string } }) => item.img.url)).to.deep.equal([
      `${IMAGE_BASE}/banner-1a.png`,
      `${IMAGE_BASE}/banner%202a.png`,
      'http://elsewhere.example/b.png',
    ]);

    const info = shop.db.state.productInfo.get(1)!;
    shop.db.state.productInfo.set(1, { ...info, mainImgFrom: 1 });
    const product = shop.db.state.products.get(1)!;
    shop.db.state.products.set(1, { ...product, mainImgUrl: '/product-01.png' });
    expect((await shop.http.get(`${API}/product/1`)).body.main_img_url).to.equal(`${IMAGE_BASE}/product-01.png`);

    const token = await shop.shopper.buyer('images-alice');
    const placed = await shop.http.post(`${API}/order`, { products: [{ product_id: 1, count: 1 }, { product_id: 2, count: 1 }] }, token);
    expect(placed.body.pass, placed.text).to.equal(true);
    const stored = shop.db.state.orders.get(placed.body.order_id as number)!;
    expect(stored.snapImg, 'the snapshot keeps the path as stored').to.equal('/product-01.png');
    const detail = await shop.http.get(`${API}/order/${placed.body.order_id}`, token);
    expect(detail.body.snap_img).to.equal(`${IMAGE_BASE}/product-01.png`);
    expect(detail.body.snap_items.map((line: { main_img_url: string }) => line.main_img_url)).to.deep.equal([
      `${IMAGE_BASE}/product-01.png`,
      'https://img.example/p2.png',
    ]);
    const list = await shop.http.get(`${API}/order/by_user`, token);
    expect(list.body.data[0].snap_img).to.equal(`${IMAGE_BASE}/product-01.png`);
  });
});
