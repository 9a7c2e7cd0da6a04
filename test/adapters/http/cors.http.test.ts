import { expect } from 'chai';
import { API, type MemoryHttpShop, startMemoryHttpShop } from './support/memory-http-shop.js';

describe('HTTP CORS for a browser CMS', () => {
  let shop: MemoryHttpShop;
  before(async () => {
    shop = await startMemoryHttpShop();
  });
  after(() => shop.close());

  it('answers a preflight with the token header allowed, and marks answers for any origin', async () => {
    const preflight = await shop.http.raw('OPTIONS', `${API}/order/paginate`, undefined, {
      origin: 'https://cms.example.com',
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'token',
    });
    expect(preflight.status).to.equal(204);
    expect(preflight.headers.get('access-control-allow-origin')).to.equal('*');
    expect(preflight.headers.get('access-control-allow-headers')).to.contain('token');
    expect(preflight.headers.get('access-control-allow-methods')).to.contain('PUT');
    const read = await shop.http.raw('GET', `${API}/category/all`, undefined, { origin: 'https://cms.example.com' });
    expect(read.headers.get('access-control-allow-origin')).to.equal('*');
  });
});
