import { expect } from 'chai';
import { chinaTime } from '../../../src/adapters/system/china-time.js';
import { imageUrls } from '../../../src/adapters/http/presenters/image-url.js';
import { parseYuan, yuan } from '../../../src/adapters/http/presenters/yuan.js';

describe('HTTP presenters', () => {
  it('writes fen as yuan strings by integer arithmetic', () => {
    const cases: [number, string][] = [[0, '0.00'], [1, '0.01'], [10, '0.10'], [250, '2.50'], [1999, '19.99'], [100_000_000_07, '100000000.07'], [Number.MAX_SAFE_INTEGER, '90071992547409.91']];
    for (const [fen, text] of cases) expect(yuan(fen), String(fen)).to.equal(text);
    expect(() => yuan(0.5)).to.throw();
    expect(() => yuan(-1)).to.throw();
  });

  it('reads yuan strings into fen, refusing anything else', () => {
    const cases: [string, number | null][] = [['0.01', 1], ['1.5', 150], ['2', 200], ['19.99', 1999], ['0', 0], ['1.234', null], ['-1', null], ['01', null], ['1e2', null], ['', null], [' 1', null]];
    for (const [text, fen] of cases) expect(parseYuan(text), text).to.equal(fen);
  });

  it('names the shop\'s own images (from = 1) under the base, others as stored', () => {
    const images = imageUrls('https://cdn.example.com/shop/images/');
    expect(images.of({ url: '/banner-1a.png', from: 1 })).to.equal('https://cdn.example.com/shop/images/banner-1a.png');
    expect(images.of({ url: 'product-vg@1.png', from: 1 })).to.equal('https://cdn.example.com/shop/images/product-vg@1.png');
    expect(images.of({ url: '/新品 1.png', from: 1 })).to.equal('https://cdn.example.com/shop/images/%E6%96%B0%E5%93%81%201.png');
    expect(images.of({ url: 'https://img.example/a.png', from: 2 })).to.equal('https://img.example/a.png');
    expect(images.of({ url: '', from: 1 }), 'a missing image stays empty').to.equal('');
  });

  it('names a snapshot\'s picture as stored when it is an http(s) URL, else as a file of the shop', () => {
    const images = imageUrls('http://127.0.0.1:3000/images');
    expect(images.ofSnapshot('/product-01.png')).to.equal('http://127.0.0.1:3000/images/product-01.png');
    expect(images.ofSnapshot('https://img.example/a.png')).to.equal('https://img.example/a.png');
    expect(images.ofSnapshot('HTTP://z.cn/images/product-vg@1.png')).to.equal('HTTP://z.cn/images/product-vg@1.png');
    expect(images.ofSnapshot('')).to.equal('');
  });

  it('prints times as Y-m-d H:i:s in China time', () => {
    expect(chinaTime(new Date('2026-11-24T16:30:05.999Z'))).to.equal('2026-11-25 00:30:05');
  });
});
