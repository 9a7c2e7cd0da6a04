import { expect } from 'chai';
import { fitTemplateValue, templateData, templateFieldKind } from '../../src/domain/index.js';

describe('subscribe message values', () => {
  it('reads the kind from the key WeChat names', () => {
    expect(['thing1', 'character_string12', 'time3', 'amount4', 'phrase5', 'phone_number6'].map(templateFieldKind)).to.deep.equal([
      'thing',
      'character_string',
      'time',
      'amount',
      'phrase',
      'phone_number',
    ]);
    expect(['thing', 'text1', 'thing1a', '1thing'].map(templateFieldKind)).to.deep.equal([null, null, null, null]);
  });

  it('cuts a thing to 20 characters and checks every other kind against WeChat\'s limits', () => {
    expect(fitTemplateValue('thing', '一二三四五六七八九十一二三四五六七八九十')).to.deep.equal({ ok: true, value: '一二三四五六七八九十一二三四五六七八九十' });
    expect(fitTemplateValue('thing', '一二三四五六七八九十一二三四五六七八九十一')).to.deep.equal({ ok: true, value: '一二三四五六七八九十一二三四五六七八九…' });
    const accepted: [Parameters<typeof fitTemplateValue>[0], string][] = [
      ['character_string', 'A2026112412000001'],
      ['number', '12.5'],
      ['letter', 'abc'],
      ['symbol', '%$'],
      ['amount', '12.50元'],
      ['amount', '￥3'],
      ['phone_number', '+86-138 0013 8000'],
      ['car_number', '粤A12345'],
      ['time', '2026-11-24 15:01'],
      ['time', '15:01'],
      ['date', '2026年11月24日'],
      ['name', '张三'],
      ['name', 'Alice Smith'],
      ['phrase', '已发货'],
    ];
    for (const [kind, value] of accepted) expect(fitTemplateValue(kind, value), `${kind} ${value}`).to.deep.equal({ ok: true, value });
    const refused: [Parameters<typeof fitTemplateValue>[0], string][] = [
      ['character_string', 'x'.repeat(33)],
      ['character_string', '中文'],
      ['number', '1e5'],
      ['amount', '12.505元'],
      ['phone_number', '1'.repeat(18)],
      ['time', '2026-11-24'],
      ['date', '24/11/2026'],
      ['name', '一二三四五六七八九十一'],
      ['phrase', '已经全部发货了'],
      ['phrase', 'sent'],
      ['thing', '   '],
    ];
    for (const [kind, value] of refused) expect(fitTemplateValue(kind, value).ok, `${kind} ${value}`).to.equal(false);
  });

  it('builds the template data from the order\'s facts, or names every field that cannot be sent', () => {
    const facts = { order_no: 'A1', goods: '商品', shipped_at: '2026-11-24 15:01', logistics: '快递', carrier: 'SF', tracking_no: '中文单号', amount: '1.00元', count: '1', receiver: '张三' };
    expect(templateData({ thing1: 'goods', time2: 'shipped_at' }, facts)).to.deep.equal({
      ok: true,
      data: { thing1: { value: '商品' }, time2: { value: '2026-11-24 15:01' } },
    });
    const refused = templateData({ character_string1: 'tracking_no', phrase2: 'receiver' }, { ...facts, receiver: 'Bob' });
    expect(refused.ok).to.equal(false);
    expect(!refused.ok && refused.problems).to.have.length(2);
  });
});
