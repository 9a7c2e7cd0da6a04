import { expect } from 'chai';
import { TimeOrderNumberGenerator } from '../../../src/adapters/system/time-order-number.generator.js';

describe('TimeOrderNumberGenerator', () => {
  const numbers = new TimeOrderNumberGenerator();

  it('writes China time to the millisecond, then ten random digits: 27 characters, room for an attempt suffix', () => {
    const number = numbers.next(new Date('2026-11-24T16:30:05.123Z'));
    expect(number).to.match(/^20261125003005123\d{10}$/);
    expect(`${number}_99`.length).to.be.at.most(32);
  });

  it('sorts by time and keeps working long past 2027', () => {
    const times = ['2026-01-01T00:00:00Z', '2027-12-31T23:59:59.999Z', '2031-06-01T00:00:00Z', '2099-12-31T15:59:59.999Z'];
    const generated = times.map((time) => numbers.next(new Date(time)));
    expect([...generated].sort()).to.deep.equal(generated);
    expect(generated.every((number) => /^\d{27}$/.test(number))).to.equal(true);
  });

  it('draws distinct numbers within one millisecond', () => {
    const now = new Date();
    expect(new Set(Array.from({ length: 1_000 }, () => numbers.next(now))).size).to.equal(1_000);
  });
});
