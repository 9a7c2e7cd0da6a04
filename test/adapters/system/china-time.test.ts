import { expect } from 'chai';
import { chinaIsoTime, chinaTime, chinaTimeDigits, formatChinaTime, parseChinaTime } from '../../../src/adapters/system/china-time.js';

describe('China time (UTC+8, no daylight saving)', () => {
  const instant = new Date('2026-11-24T16:30:05.123Z');

  it('cuts one wall clock four ways: digits to the millisecond, WeChat v2\'s yyyyMMddHHmmss, v3\'s ISO, zerg\'s Y-m-d H:i:s', () => {
    expect(chinaTimeDigits(instant)).to.equal('20261125003005123');
    expect(formatChinaTime(instant)).to.equal('20261125003005');
    expect(chinaIsoTime(instant)).to.equal('2026-11-25T00:30:05');
    expect(chinaTime(instant)).to.equal('2026-11-25 00:30:05');
  });

  it('reads back what it writes, to the second, and nothing that is not a real time', () => {
    expect(parseChinaTime('20261125003005')?.toISOString()).to.equal('2026-11-24T16:30:05.000Z');
    expect(parseChinaTime('20260230120000')).to.equal(null);
    expect(parseChinaTime('2026112500300')).to.equal(null);
    expect(parseChinaTime('2026-11-25 00:30:05')).to.equal(null);
  });
});
