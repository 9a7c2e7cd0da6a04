import { Writable } from 'node:stream';
import { expect } from 'chai';
import { pino } from 'pino';
import { API, type MemoryHttpShop, startMemoryHttpShop } from './support/memory-http-shop.js';

describe('HTTP error answers', () => {
  let shop: MemoryHttpShop;
  afterEach(() => shop.close());

  it('refuses a non-JSON content type (415), malformed JSON (400) and a 2 MB body (413) with zerg\'s error body', async () => {
    shop = await startMemoryHttpShop();
    const token = await shop.shopper.buyer('alice');
    const form = await shop.http.raw('POST', `${API}/order`, 'products=1', { 'content-type': 'application/x-www-form-urlencoded', token });
    expect(form.status).to.equal(415);
    expect(form.body).to.deep.equal({ msg: 'Content-Type must be application/json', error_code: 10000, request_url: `${API}/order` });
    const malformed = await shop.http.raw('POST', `${API}/order`, '{"products": [', { 'content-type': 'application/json', token });
    expect(malformed.status).to.equal(400);
    expect(malformed.body).to.deep.include({ error_code: 10000, msg: 'malformed JSON body' });
    const huge = JSON.stringify({ products: [{ product_id: 1, count: 1 }], padding: 'x'.repeat(2 * 1024 * 1024) });
    const tooBig = await shop.http.raw('POST', `${API}/order`, huge, { 'content-type': 'application/json', token });
    expect(tooBig.status).to.equal(413);
    expect(tooBig.body.error_code).to.equal(10000);
    expect(shop.db.state.orders.size).to.equal(0);
  });

  it('answers an unexpected failure with 500 999 and no internals, tagged with the request id', async () => {
    shop = await startMemoryHttpShop();
    shop.deps.catalog.allCategories = async () => {
      throw new Error('SELECT * FROM secret_table exploded');
    };
    const answer = await shop.http.raw('GET', `${API}/category/all`, undefined, { 'x-request-id': 'req-42' });
    expect(answer.status).to.equal(500);
    expect(answer.body).to.deep.equal({ msg: 'internal error; it has been logged', error_code: 999, request_url: `${API}/category/all` });
    expect(answer.text).to.not.contain('secret_table');
    expect(answer.headers.get('x-request-id')).to.equal('req-42');
  });

  it('answers 503 90002 when the token store or database is unreachable', async () => {
    shop = await startMemoryHttpShop();
    const token = await shop.shopper.buyer('alice');
    shop.deps.tokens.verify = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
    };
    const answer = await shop.http.get(`${API}/address`, token);
    expect(answer.status).to.equal(503);
    expect(answer.body.error_code).to.equal(90002);
  });

  it('GET /healthz is alive; GET /readyz answers 503 naming a check that fails', async () => {
    let redisUp = true;
    shop = await startMemoryHttpShop({
      readiness: [
        { name: 'database', ping: async () => undefined },
        { name: 'redis', ping: async () => { if (!redisUp) throw new Error('down'); } },
      ],
    });
    expect((await shop.http.get('/healthz')).body).to.deep.equal({ status: 'ok' });
    expect((await shop.http.get('/readyz')).body).to.deep.equal({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
    redisUp = false;
    const down = await shop.http.get('/readyz');
    expect(down.status).to.equal(503);
    expect(down.body.checks).to.deep.equal({ database: 'ok', redis: 'unavailable' });
  });

  it('logs one line per request with request id, route, status and duration, and never the token', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    shop = await startMemoryHttpShop({ logger: pino({ level: 'info' }, sink) });
    const token = await shop.shopper.buyer('alice');
    await shop.http.raw('GET', `${API}/address`, undefined, { token, 'x-request-id': 'trace-me' });
    await shop.http.post(`${API}/token/verify`, { token });
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const read = entries.find((entry) => entry.reqId === 'trace-me');
    expect(read).to.include({ msg: 'request', method: 'GET', route: '/api/:version/address', status: 200 });
    expect(read?.durationMs).to.be.a('number');
    expect(lines.join('\n')).to.not.contain(token);
  });
});
