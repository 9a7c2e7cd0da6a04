import { expect } from 'chai';
import { uploadShippingBody, uploadTime } from '../../../../src/adapters/wechat/mini-program/shipping.client.js';
import { maskedContact } from '../../../../src/domain/index.js';

const upload = {
  transactionId: '4200000001',
  payerOpenid: 'o-alice',
  logisticsType: 'EXPRESS' as const,
  parcels: [{ carrierCode: 'SF', trackingNo: 'SF1' }],
  itemDesc: '商品1等 共3件',
  receiverContact: maskedContact('13800138000'),
  uploadTime: new Date('2026-11-24T05:29:35.120Z'),
};

describe('upload_shipping_info body', () => {
  it('names the order by its WeChat transaction, the payer, each parcel with its carrier, and the time in RFC 3339 China time', () => {
    expect(uploadShippingBody(upload)).to.deep.equal({
      order_key: { order_number_type: 2, transaction_id: '4200000001' },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [{ tracking_no: 'SF1', express_company: 'SF', item_desc: '商品1等 共3件', contact: { receiver_contact: '138****8000' } }],
      upload_time: '2026-11-24T13:29:35.120+08:00',
      payer: { openid: 'o-alice' },
    });
    expect(uploadTime(new Date('2026-12-31T16:00:00.000Z'))).to.equal('2027-01-01T00:00:00.000+08:00');
  });

  it('sends several parcels as a split delivery, all shipped, and other types as one entry without tracking', () => {
    const split = uploadShippingBody({ ...upload, parcels: [...upload.parcels, { carrierCode: 'ZTO', trackingNo: 'Z2' }] });
    expect(split).to.deep.include({ delivery_mode: 2, is_all_delivered: true });
    expect(split.shipping_list).to.have.length(2);
    const pickup = uploadShippingBody({ ...upload, logisticsType: 'SELF_PICKUP', parcels: [] });
    expect(pickup).to.deep.include({ logistics_type: 4, delivery_mode: 1, shipping_list: [{ item_desc: '商品1等 共3件' }] });
    expect(pickup).to.not.have.property('is_all_delivered');
  });
});
