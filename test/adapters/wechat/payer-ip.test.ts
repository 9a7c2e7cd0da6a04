import { expect } from 'chai';
import { payerIp } from '../../../src/adapters/wechat/payer-ip.js';

describe('the payer IP WeChat Pay is sent', () => {
  it('is the plain IPv4 address, also when Node reports it IPv6-mapped', () => {
    expect(payerIp('10.0.0.7')).to.equal('10.0.0.7');
    expect(payerIp('::ffff:10.0.0.7')).to.equal('10.0.0.7');
  });

  it('is 127.0.0.1 for anything that is not IPv4', () => {
    expect(payerIp('::1')).to.equal('127.0.0.1');
    expect(payerIp('2001:db8::1')).to.equal('127.0.0.1');
    expect(payerIp('')).to.equal('127.0.0.1');
  });
});
