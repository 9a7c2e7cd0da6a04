import { expect } from 'chai';
import type { Address } from '../../src/domain/index.js';
import type { Answer } from '../support/http-client.js';
import { anAddress } from '../support/mothers.js';
import { type Backend, describeOnEveryBackend, hostileTable } from './support/backends.js';
import { type Changes } from './support/snapshot.js';
import { API, DELETED_PRODUCT_ID, EMPTY_PRODUCT_ID, type HostileShop, startHostileShop } from './support/hostile-shop.js';
import { type ImagesFolder, OUTSIDE_MARKER, hostileImagesFolder } from './support/hostile-images.js';
import { type ExpectedChange, Tally, expectChanges, expectError } from './support/table.js';

interface World {
  shop: HostileShop;
  tokens: { user: string; super: string };
  /** An order made by a row's `prepare`. */
  order: { id: number; orderNo: string };
  /** The shop's IMAGES_DIR, with files beside it it must never serve. */
  images: ImagesFolder;
}

/** One hostile request and everything it must answer and (not) change. */
interface InputCase {
  name: string;
  /** Whose token goes in the header; the user's by default. */
  as?: 'user' | 'super' | 'none';
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  /** Under /api/v1; `/order` by default. */
  path?: string;
  /** Instead of `path`: the request target sent byte for byte, unresolved (`/images/%2e%2e/x`). */
  target?: string | ((world: World) => string);
  /** Sent as JSON. */
  body?: unknown;
  bodyOf?: (world: World) => unknown;
  /** Runs before the snapshot. */
  prepare?: (world: World) => Promise<void>;
  /** The same request this many times at once (a double tap, a retrying client); each gets `status`. */
  copies?: number;
  /** Sent exactly as given, with `headers`. */
  raw?: () => string;
  headers?: Record<string, string>;
  status: number;
  code?: number;
  msg?: RegExp;
  /** What may change; nothing by default. */
  changes?: ExpectedChange[];
  then?: (answer: Answer, world: World, changes: Changes, answers: Answer[]) => unknown;
}

const line = (product_id: unknown, count: unknown) => ({ product_id, count });
/** A place-order body that must be refused with 400 10000 and a message naming the field. */
const badOrder = (name: string, body: unknown, msg: RegExp): InputCase => ({ name, body, status: 400, code: 10000, msg });
const badLine = (name: string, productId: unknown, count: unknown, msg: RegExp) => badOrder(name, { products: [line(productId, count)] }, msg);
const badGet = (path: string, msg: RegExp, as: InputCase['as'] = 'user'): InputCase => ({ name: `GET ${path}`, method: 'GET', path, as, status: 400, code: 10000, msg });
const badAddress = (name: string, field: Partial<Record<keyof Address, unknown>>, msg: RegExp): InputCase => ({
  name: `address: ${name}`,
  path: '/address',
  body: { ...anAddress(), ...field },
  status: 400,
  code: 10000,
  msg,
});
/** An address that is accepted and must read back exactly as sent. */
const verbatimAddress = (name: string, field: Partial<Address>): InputCase => ({
  name: `address stored verbatim: ${name}`,
  path: '/address',
  body: { ...anAddress(), ...field },
  status: 201,
  changes: [/^user_address ~1 \(/],
  async then(_answer, { shop, tokens }) {
    const stored = await shop.http.get(`${API}/address`, tokens.user);
    expect(stored.body).to.deep.equal({ ...anAddress(), ...field });
  },
});

/** A request for an image that names nothing inside the images folder: 404, and nothing of any file served. */
const noImage = (target: InputCase['target'], why: string): InputCase => ({
  name: `images: ${typeof target === 'string' ? target : 'GET'} (${why}) serves nothing`,
  as: 'none',
  method: 'GET',
  target,
  status: 404,
  code: 10006,
  msg: /no such image|no API route/,
  then: (answer) => expectNothingServed(answer),
});
/** An image the folder does hold: served, byte for byte. */
const anImage = (target: string, why: string): InputCase => ({
  name: `images: ${target} (${why}) is served`,
  as: 'none',
  method: 'GET',
  target,
  status: 200,
  then(answer, { images }) {
    expect(answer.headers.get('content-type')).to.equal('image/png');
    expect(answer.bytes?.equals(images.okPng)).to.equal(true);
  },
});
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

function expectNothingServed(answer: Answer): void {
  expect(answer.headers.get('content-type') ?? '').to.not.match(/^image\//);
  expect(answer.text).to.not.contain(OUTSIDE_MARKER);
  expect(answer.bytes?.includes(PNG_SIGNATURE) ?? false, 'a PNG in the answer').to.equal(false);
}

const TWO_POW_31 = 2 ** 31;
const BEYOND_2_POW_53 = '9007199254740993';

export const BAD_INPUT: InputCase[] = [
  // products: missing, empty, not an array
  badOrder('no products', {}, /products is required/),
  badOrder('products empty', { products: [] }, /products must NOT have fewer than 1 items/),
  badOrder('products null', { products: null }, /products must be array/),
  badOrder('products a string', { products: '1,2' }, /products must be array/),
  badOrder('products an object', { products: { product_id: 1, count: 1 } }, /products must be array/),
  badOrder('products a number', { products: 1 }, /products must be array/),
  // nested wrong types
  badOrder('a line that is a number', { products: [1] }, /products\[0\] must be object/),
  badOrder('a line that is an array (one-dimensional zerg mistake)', { products: [[1, 1]] }, /products\[0\] must be object/),
  badOrder('a line that is null', { products: [null] }, /products\[0\] must be object/),
  badOrder('a line without count', { products: [{ product_id: 1 }] }, /products\[0\]\.count is required/),
  badOrder('a line without product_id', { products: [{ count: 1 }] }, /products\[0\]\.product_id is required/),
  badOrder('the second line wrong', { products: [line(1, 1), line(2, 'x')] }, /products\[1\]\.count must be integer/),
  badLine('product_id a numeric string', '1', 1, /products\[0\]\.product_id must be integer/),
  badLine('count a numeric string', 1, '2', /products\[0\]\.count must be integer/),
  badLine('count a float', 1, 1.5, /products\[0\]\.count must be integer/),
  badLine('product_id a float', 1.5, 1, /products\[0\]\.product_id must be integer/),
  badLine('count zero', 1, 0, /products\[0\]\.count must be >= 1/),
  badLine('count negative', 1, -3, /products\[0\]\.count must be >= 1/),
  badLine('product_id zero', 0, 1, /products\[0\]\.product_id must be >= 1/),
  badLine('product_id negative', -1, 1, /products\[0\]\.product_id must be >= 1/),
  badLine('count 2^31', 1, TWO_POW_31, /products\[0\]\.count must be <= 10000/),
  badLine('product_id 2^31', TWO_POW_31, 1, /products\[0\]\.product_id must be <= 2147483647/),
  badLine('count 1e300', 1, 1e300, /products\[0\]\.count must be <= 10000/),
  {
    name: 'count beyond 2^53 (loses precision when parsed)',
    raw: () => `{"products":[{"product_id":1,"count":${BEYOND_2_POW_53}}]}`,
    headers: { 'content-type': 'application/json' },
    status: 400,
    code: 10000,
    msg: /products\[0\]\.count must be <= 10000/,
  },
  {
    name: 'product_id beyond 2^53',
    raw: () => `{"products":[{"product_id":${BEYOND_2_POW_53},"count":1}]}`,
    headers: { 'content-type': 'application/json' },
    status: 400,
    code: 10000,
    msg: /products\[0\]\.product_id must be <= 2147483647/,
  },
  badLine('count "NaN"', 1, 'NaN', /products\[0\]\.count must be integer/),
  badLine('count "Infinity"', 1, 'Infinity', /products\[0\]\.count must be integer/),
  badLine('count "1e3"', 1, '1e3', /products\[0\]\.count must be integer/),
  badLine('count true', 1, true, /products\[0\]\.count must be integer/),
  badLine('product_id null', null, 1, /products\[0\]\.product_id must be integer/),
  badLine('count an operator object', 1, { $gt: 0 }, /products\[0\]\.count must be integer/),
  badLine('product_id with SQL', "1 OR 1=1", 1, /products\[0\]\.product_id must be integer/),
  // products that do not exist or cannot be sold
  { name: 'unknown product', body: { products: [line(987654, 1)] }, status: 404, code: 80000, msg: /product 987654 not found/ },
  { name: 'soft-deleted product', body: { products: [line(DELETED_PRODUCT_ID, 1)] }, status: 404, code: 80000, msg: new RegExp(`product ${DELETED_PRODUCT_ID} not found`) },
  { name: 'known and unknown products: every unknown id listed', body: { products: [line(1, 1), line(987654, 1), line(987655, 1)] }, status: 404, code: 80000, msg: /987654, 987655 not found/ },
  {
    name: 'a sold-out product: pass false, nothing reserved',
    body: { products: [line(EMPTY_PRODUCT_ID, 1)] },
    status: 200,
    then: (answer) => void expect(answer.body).to.deep.include({ pass: false, order_id: -1 }),
  },
  {
    name: 'more than the stock: pass false',
    body: { products: [line(1, 10_000)] },
    status: 200,
    then: (answer) => void expect(answer.body.pass).to.equal(false),
  },
  {
    name: 'the same product twice: merged into one line of one order',
    body: { products: [line(3, 2), line(3, 1)] },
    status: 200,
    changes: ['order +1', 'order_product +1'],
    then(answer, _world, changes) {
      expect(answer.body.pass).to.equal(true);
      expect(changes.added.order_product).to.have.length(1);
      expect(changes.added.order_product![0]).to.include({ product_id: 3, count: 3 });
      expect(Number(changes.added.order![0]!.total_count)).to.equal(3);
    },
  },
  badOrder('merged counts above the maximum', { products: [line(1, 6000), line(1, 6000)] }, /count of product 1 exceeds 10000/),
  badOrder('101 lines', { products: Array.from({ length: 101 }, (_, i) => line(i + 1, 1)) }, /products must NOT have more than 100 items/),
  badOrder('1,000 lines', { products: Array.from({ length: 1000 }, () => line(1, 1)) }, /products must NOT have more than 100 items/),
  // the body itself
  {
    name: '2 MB body',
    raw: () => JSON.stringify({ products: [line(1, 1)], padding: 'x'.repeat(2 * 1024 * 1024) }),
    headers: { 'content-type': 'application/json' },
    status: 413,
    code: 10000,
    msg: /too large/,
  },
  { name: 'malformed JSON', raw: () => '{"products": [{"product_id": 1, "count": 1}', headers: { 'content-type': 'application/json' }, status: 400, code: 10000, msg: /malformed JSON/ },
  { name: 'JSON with trailing garbage', raw: () => '{"products": []} {"x":1}', headers: { 'content-type': 'application/json' }, status: 400, code: 10000, msg: /malformed JSON/ },
  { name: 'a bare JSON string', raw: () => '"products"', headers: { 'content-type': 'application/json' }, status: 400, code: 10000, msg: /malformed JSON|body must be object/ },
  { name: 'a top-level array', body: [line(1, 1)], status: 400, code: 10000, msg: /body must be object/ },
  { name: 'text/plain content type', raw: () => JSON.stringify({ products: [line(1, 1)] }), headers: { 'content-type': 'text/plain' }, status: 415, code: 10000, msg: /Content-Type must be application\/json/ },
  { name: 'form-encoded body', raw: () => 'products[0][product_id]=1&products[0][count]=1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, code: 10000, msg: /application\/json/ },
  { name: 'no content type', raw: () => JSON.stringify({ products: [line(1, 1)] }), headers: {}, status: 415, code: 10000, msg: /application\/json/ },
  { name: 'a Latin-1 body (the parser would decode it as UTF-8)', raw: () => JSON.stringify({ products: [line(1, 1)] }), headers: { 'content-type': 'application/json; charset=latin1' }, status: 415, code: 10000, msg: /send UTF-8/ },
  { name: 'a charset no one knows', raw: () => JSON.stringify({ products: [line(1, 1)] }), headers: { 'content-type': 'application/json; charset=klingon' }, status: 415, code: 10000, msg: /UTF-8/ },
  { name: 'gzip Content-Encoding over a body that is not gzip', raw: () => 'not gzip', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, status: 415, code: 10000, msg: /Content-Encoding gzip; send the JSON uncompressed/ },
  { name: 'brotli Content-Encoding', raw: () => 'xx', headers: { 'content-type': 'application/json', 'content-encoding': 'br' }, status: 415, code: 10000, msg: /Content-Encoding br/ },
  { name: 'JSON null', raw: () => 'null', headers: { 'content-type': 'application/json' }, status: 400, code: 10000, msg: /malformed JSON/ },
  { name: 'products twice, the last not an array', raw: () => '{"products":[{"product_id":1,"count":1}],"products":"x"}', headers: { 'content-type': 'application/json' }, status: 400, code: 10000, msg: /products must be array/ },
  { name: '100,000 nested arrays', raw: () => `{"products":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, headers: { 'content-type': 'application/json' }, status: 400, code: 10000, msg: /products\[0\] must be object/ },
  {
    name: 'pay/pre_order ten times at once (a double tap): the same prepay id for all, one payment attempt',
    async prepare(world) {
      world.order = await world.shop.shopper.placeOrder(world.tokens.user, [{ product_id: 4, count: 1 }]);
    },
    path: '/pay/pre_order',
    bodyOf: (world) => ({ id: world.order.id }),
    copies: 10,
    status: 200,
    changes: ['payment_attempt +1', /^order ~1 \(prepay_expires_at, prepay_id, update_time\)$/],
    then: (_answer, _world, _changes, answers) => void expect(new Set(answers.map((each) => each.body.package)).size).to.equal(1),
  },
  {
    name: 'order/delivery of the same paid order ten times at once: one 201, nine 409 80002',
    async prepare(world) {
      const { shop, tokens } = world;
      const order = await shop.shopper.placeOrder(tokens.user, [{ product_id: 4, count: 1 }]);
      world.order = order;
      expect((await shop.shopper.prepay(tokens.user, order.id)).status).to.equal(200);
      shop.sandbox!.pay(order.orderNo);
      await shop.sandbox!.idle();
    },
    method: 'PUT',
    path: '/order/delivery',
    as: 'super',
    bodyOf: (world) => ({ id: world.order.id }),
    copies: 10,
    status: 409,
    code: 80002,
    msg: /is not a paid, undelivered order/,
    // One shipment, and its upload recorded FAILED at once: this shop names no DELIVERY_LOGISTICS_TYPE, so WeChat cannot be told.
    changes: [/^order ~1 \(status, update_time\)$/, 'shipment +1', 'outbox +1'],
    then(_answer, _world, changes) {
      expect(Number(changes.changed.order![0]!.after.status)).to.equal(3);
      expect(changes.added.outbox![0]).to.include({ status: 'FAILED', error_code: 'NO_LOGISTICS_TYPE' });
    },
  },
  { name: 'DELETE an order', method: 'DELETE', path: '/order/1', status: 405, code: 10006, msg: /DELETE is not allowed/ },
  // addresses: unicode and SQL metacharacters stored verbatim; bad ones refused naming the field
  verbatimAddress('CJK, emoji, combining marks and right-to-left text', { name: '张三😀 Zoë ‮سلام', detail: '北京市 🏠 朝阳区 çà' }),
  verbatimAddress('SQL metacharacters', { name: "O'Brien\"; --", detail: "1'); DROP TABLE user_address; -- \\ % _ `x`" }),
  verbatimAddress('markup', { province: '<script>x</script>', city: '&lt;b&gt;', country: '${7*7}{{7*7}}' }),
  verbatimAddress('30 characters outside the BMP in a 30-character name', { name: '😀'.repeat(30) }),
  verbatimAddress('control and invisible characters', { name: 'a\u0000b\tc', detail: '\u200b\u200d\ufeff 1 号\n2 楼' }),
  badAddress('a lone surrogate in the name (UTF-8 cannot store it)', { name: 'a\ud800b' }, /name is not valid Unicode text/),
  badAddress('a lone low surrogate in the detail', { detail: '\udc00' }, /detail is not valid Unicode text/),
  { name: 'token/user: a code with a lone surrogate', as: 'none', path: '/token/user', body: { code: 'code-\ud800' }, status: 400, code: 10000, msg: /code is not valid Unicode text/ },
  badAddress('name of 31 characters', { name: 'x'.repeat(31) }, /name must NOT have more than 30 characters/),
  badAddress('blank name', { name: '   ' }, /name must match pattern/),
  badAddress('empty detail', { detail: '' }, /detail must NOT have fewer than 1 characters/),
  badAddress('detail a number', { detail: 42 }, /detail must be string/),
  badAddress('mobile of an old range', { mobile: '12345678901' }, /mobile must match pattern/),
  badAddress('mobile of 10 digits', { mobile: '1380013800' }, /mobile must match pattern/),
  badAddress('mobile with a country code', { mobile: '+8613800138000' }, /mobile must match pattern/),
  badAddress('mobile in full-width digits', { mobile: '１３８００１３８０００' }, /mobile must match pattern/),
  badAddress('mobile with a trailing newline', { mobile: '13800138000\n' }, /mobile must match pattern/),
  badAddress('mobile as a number', { mobile: 13800138000 }, /mobile must be string/),
  { name: 'address without detail', path: '/address', body: { ...anAddress(), detail: undefined }, status: 400, code: 10000, msg: /detail is required/ },
  // ids that are not positive integers, in every path and query parameter
  ...['abc', '0', '-1', '1.5', '1e3', '0x10', '01', '2147483648', BEYOND_2_POW_53, '%20'].map((id) => badGet(`/order/${id}`, /id must be an integer from 1 to 2147483647/)),
  ...['abc', '0', '-1', '2147483648'].map((id) => badGet(`/product/${id}`, /id must be an integer/, 'none')),
  badGet('/banner/1.5', /id must be an integer/, 'none'),
  badGet('/theme/x', /id must be an integer/, 'none'),
  badGet('/theme?ids=1,a', /ids must be an integer/, 'none'),
  badGet('/theme?ids=', /ids must be comma-separated/, 'none'),
  badGet(`/theme?ids=${Array.from({ length: 51 }, (_, i) => i + 1).join(',')}`, /at most 50/, 'none'),
  badGet('/product/by_category?id=-1', /id must be an integer/, 'none'),
  badGet('/product/by_category', /id must be an integer/, 'none'),
  badGet('/product/recent?count=0', /count must be an integer from 1 to 15/, 'none'),
  badGet('/product/recent?count=16', /count must be an integer from 1 to 15/, 'none'),
  // paging out of range
  badGet('/order/by_user?page=0', /page must be an integer from 1 to 10000/),
  badGet('/order/by_user?page=-1', /page must be an integer/),
  badGet('/order/by_user?page=10001', /page must be an integer from 1 to 10000/),
  badGet('/order/by_user?page=1.5', /page must be an integer/),
  badGet('/order/by_user?page=1&page=2', /page must be an integer/),
  badGet('/order/by_user?size=0', /size must be an integer from 1 to 100/),
  badGet('/order/by_user?size=101', /size must be an integer from 1 to 100/),
  badGet('/order/by_user?size=abc', /size must be an integer/),
  badGet('/order/paginate?page=0', /page must be an integer/, 'super'),
  badGet('/order/paginate?size=1000', /size must be an integer from 1 to 100/, 'super'),
  {
    name: 'GET /order/by_user?page=10000 (the last page allowed): empty, no error',
    method: 'GET',
    path: '/order/by_user?page=10000&size=100',
    status: 200,
    then: (answer) => void expect(answer.body).to.deep.equal({ data: [], current_page: 10000 }),
  },
  { name: 'GET /order/2147483647 (a valid id no order has)', method: 'GET', path: '/order/2147483647', status: 404, code: 80000, msg: /order 2147483647 not found/ },
  // ids in bodies
  ...[['"1"', '1'], ['0', 0], ['-1', -1], ['1.5', 1.5], ['2^31', TWO_POW_31], ['null', null]].map(([label, id]): InputCase => ({
    name: `pay/pre_order id ${String(label)}`,
    path: '/pay/pre_order',
    body: { id },
    status: 400,
    code: 10000,
    msg: /^id must/,
  })),
  ...(
    [
      ['a logistics type WeChat does not know', { id: 1, logistics_type: 'drone' }, /^logistics_type must be equal to one of the allowed values/],
      ['WeChat\'s number for the type', { id: 1, logistics_type: 1 }, /^logistics_type must be string/],
      ['an empty parcel list', { id: 1, logistics_type: 'express', parcels: [] }, /^parcels must NOT have fewer than 1 items/],
      ['16 parcels', { id: 1, logistics_type: 'express', parcels: Array.from({ length: 16 }, (_, i) => ({ carrier_code: 'SF', tracking_no: `SF${i}` })) }, /^parcels must NOT have more than 15 items/],
      ['a parcel without its tracking number', { id: 1, logistics_type: 'express', parcels: [{ carrier_code: 'SF' }] }, /^parcels\[0\]\.tracking_no is required/],
      ['a tracking number of 129 characters', { id: 1, logistics_type: 'express', parcels: [{ carrier_code: 'SF', tracking_no: '1'.repeat(129) }] }, /^parcels\[0\]\.tracking_no must NOT have more than 128 characters/],
      ['a parcel with a field of its own', { id: 1, logistics_type: 'express', parcels: [{ carrier_code: 'SF', tracking_no: '1', weight: 3 }] }, /^parcels\[0\] has an unknown field weight/],
      ['reship as a string', { id: 1, reship: 'yes' }, /^reship must be boolean/],
    ] as const
  ).map(([what, body, msg]): InputCase => ({ name: `order/delivery: ${what}`, method: 'PUT', path: '/order/delivery', as: 'super', body, status: 400, code: 10000, msg })),
  ...(
    [
      ['an array', [{ tmpl: 'accept' }], /^body must be object/],
      ['a template id with a slash', { 'tmpl/../x': 'accept' }, /^body has a field named "tmpl\/..\/x" that must match pattern/],
      ['a result that is not a string', { tmpl: 1 }, /^body\.tmpl must be string|^tmpl must be string/],
      ['30 templates', Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`t${i}`, 'accept'])), /^body must NOT have more than 21 properties/],
    ] as const
  ).map(([what, body, msg]): InputCase => ({ name: `subscribe/consent: ${what}`, path: '/subscribe/consent', body, status: 400, code: 10000, msg })),
  { name: 'order/delivery id a string', method: 'PUT', path: '/order/delivery', as: 'super', body: { id: 'x' }, status: 400, code: 10000, msg: /^id must be integer/ },
  { name: 'order/delivery without id', method: 'PUT', path: '/order/delivery', as: 'super', body: {}, status: 400, code: 10000, msg: /id is required/ },
  // images: nothing outside IMAGES_DIR, whatever the encoding (sent unresolved, as a hostile client would)
  anImage('/images/ok.png', 'the image inside'),
  anImage('/images/inside-link.png', 'a symlink that stays inside'),
  noImage('/images/../secret.png', 'dot-dot'),
  noImage('/images/../secret.txt', 'dot-dot to a text file'),
  noImage('/images/../../../../../../etc/passwd', 'dot-dot to the root'),
  noImage('/images/%2e%2e/secret.png', 'encoded dot-dot'),
  noImage('/images/%2E%2E%2Fsecret.png', 'encoded dot-dot and slash'),
  noImage('/images/..%2fsecret.png', 'dot-dot and an encoded slash'),
  noImage('/images/%252e%252e/secret.png', 'double-encoded dot-dot'),
  noImage('/images/%252e%252e%252fsecret.png', 'double-encoded dot-dot and slash'),
  noImage('/images/%c0%ae%c0%ae/secret.png', 'overlong UTF-8 dots'),
  noImage('/images/..\\secret.png', 'dot-dot and a backslash'),
  noImage('/images/..%5csecret.png', 'dot-dot and an encoded backslash'),
  noImage('/images//etc/passwd', 'an absolute path'),
  noImage('/images/%2fetc%2fpasswd', 'an encoded absolute path'),
  noImage(({ images }) => `/images/${encodeURIComponent(`${images.dir}/../secret.png`)}`, 'the absolute path of a file outside'),
  noImage('/images/C:%5cWindows%5cwin.ini', 'a drive path'),
  noImage('/images/ok.png%00', 'a NUL byte'),
  noImage('/images/ok.png%00.txt', 'a NUL byte before another extension'),
  noImage('/images/escape.png', 'a symlink to a file outside'),
  noImage('/images/escape-dir/secret.png', 'a symlinked folder leading out'),
  noImage('/images/.hidden.png', 'a hidden file'),
  noImage('/images/notes.txt', 'not an image'),
  noImage('/images/folder.png', 'a folder named like an image'),
  noImage('/images/', 'the folder itself'),
  noImage('/images/ok.png/', 'a trailing slash'),
  noImage('/images/missing.png', 'missing'),
  noImage('/images/%E0%A4%A', 'broken percent-encoding'),
  { name: 'images: HEAD /images/../secret.png serves nothing', as: 'none', method: 'HEAD', target: '/images/../secret.png', status: 404, then: (answer) => expectNothingServed(answer) },
];

function badInputSuite(backend: Backend, label: string): void {
  const tally = new Tally('bad input', label);
  const world = hostileTable<World>(
    backend,
    tally,
    async (database) => {
      const images = hostileImagesFolder();
      const shop = await startHostileShop(database.url, backend.redisUrl, { env: { IMAGES_DIR: images.dir } });
      return { shop, images, tokens: { user: await shop.shopper.buyer('input-alice'), super: await shop.shopper.superToken() } };
    },
    async ({ images }) => images?.remove(),
  );

  for (const row of BAD_INPUT) {
    it(row.name, async () => {
      const { shop, tokens } = world;
      await row.prepare?.(world);
      const json = row.bodyOf ? row.bodyOf(world) : row.body;
      const before = await shop.snapshot();
      const headers: Record<string, string> = { ...(row.raw ? row.headers : json === undefined ? {} : { 'content-type': 'application/json' }) };
      const as = row.as ?? 'user';
      if (as !== 'none') headers.token = tokens[as];
      const body = row.raw ? row.raw() : json === undefined ? undefined : JSON.stringify(json);
      const target = typeof row.target === 'function' ? row.target(world) : row.target;
      const send = () =>
        target !== undefined
          ? shop.http.target(row.method ?? 'GET', target, headers)
          : shop.http.raw(row.method ?? 'POST', `${API}${row.path ?? '/order'}`, body, headers);
      const answers = await Promise.all(Array.from({ length: row.copies ?? 1 }, send));
      // With copies, one may succeed where the others are refused (the delivery row): the rest must match the row.
      const checked = row.copies && row.status >= 400 ? answers.filter((each) => each.status >= 400) : answers;
      if (row.copies && row.status >= 400) expect(checked.length, `${row.name}: one succeeded`).to.equal(row.copies - 1);
      for (const answer of checked) expectError(answer, row.status, row.code, row.msg, row.name);
      const answer = checked[0]!;
      const after = await shop.snapshot();
      const changes = expectChanges(before, after, row.changes ?? [], row.name);
      await row.then?.(answer, world, changes, answers);
      tally.record(answers.every((each) => each.status >= 400 || each.body?.pass === false), changes);
    });
  }

  it('has at least 40 cases and the shop still serves', async () => {
    expect(BAD_INPUT.length).to.be.at.least(40);
    expect((await world.shop.http.get('/healthz')).status).to.equal(200);
  });
}

describeOnEveryBackend('hostile table 1: bad input', badInputSuite);
