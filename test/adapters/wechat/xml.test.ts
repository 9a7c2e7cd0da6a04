import { expect } from 'chai';
import { MAX_XML_BYTES, XmlMessageError, buildXmlMessage, parseXmlMessage } from '../../../src/adapters/wechat/xml.js';

function reasonOf(raw: string): string {
  try {
    parseXmlMessage(raw);
  } catch (error) {
    expect(error).to.be.instanceOf(XmlMessageError);
    return (error as XmlMessageError).reason;
  }
  return 'ACCEPTED';
}

describe('WeChat XML messages', () => {
  it('round-trips text, CDATA, Chinese, markup characters and `]]>`', () => {
    const fields = { body: '测试商品 <b>&"\'</b>', attach: 'a]]>b', total_fee: 101, empty: '' };
    expect({ ...parseXmlMessage(buildXmlMessage(fields)) }).to.deep.equal({
      body: '测试商品 <b>&"\'</b>',
      attach: 'a]]>b',
      total_fee: '101',
    });
  });

  it('keeps every value a string exactly as sent (no number coercion)', () => {
    const fields = parseXmlMessage('<xml><total_fee>0100</total_fee><n>1e3</n><t>true</t><x><![CDATA[ 1 ]]></x></xml>');
    expect({ ...fields }).to.deep.equal({ total_fee: '0100', n: '1e3', t: 'true', x: ' 1 ' });
  });

  it('decodes the predefined entities in plain text but leaves CDATA alone', () => {
    const fields = parseXmlMessage('<xml><a>x&amp;y&lt;&#x4e2d;</a><b><![CDATA[x&amp;y]]></b></xml>');
    expect({ ...fields }).to.deep.equal({ a: 'x&y<中', b: 'x&amp;y' });
  });

  it('refuses DOCTYPE, external entities and entity-expansion bombs before parsing', () => {
    expect(reasonOf('<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><a>&xxe;</a></xml>')).to.equal('DOCTYPE');
    const bomb = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><xml><a>&lol9;</a></xml>`;
    expect(reasonOf(bomb)).to.equal('DOCTYPE');
    expect(reasonOf('<!doctype xml><xml/>')).to.equal('DOCTYPE');
  });

  it('leaves an undeclared entity reference unresolved', () => {
    expect(parseXmlMessage('<xml><a>&xxe;</a></xml>').a).to.equal('&xxe;');
  });

  it('refuses empty, non-XML, malformed, oversized and non-flat bodies with a typed error', () => {
    expect(reasonOf('')).to.equal('EMPTY');
    expect(reasonOf('   ')).to.equal('EMPTY');
    expect(reasonOf('{"return_code":"SUCCESS"}')).to.equal('MALFORMED');
    expect(reasonOf('<xml><a>1</xml>')).to.equal('MALFORMED');
    expect(reasonOf(`<xml><a>${'x'.repeat(MAX_XML_BYTES)}</a></xml>`)).to.equal('TOO_LARGE');
    expect(reasonOf('<root><a>1</a></root>')).to.equal('NOT_A_MESSAGE');
    expect(reasonOf('<xml><a>1</a><a>2</a></xml>')).to.equal('NOT_A_MESSAGE');
    expect(reasonOf('<xml><a><b>1</b></a></xml>')).to.equal('NOT_A_MESSAGE');
    expect(reasonOf('<xml><__proto__>1</__proto__></xml>')).to.equal('MALFORMED');
  });
});
