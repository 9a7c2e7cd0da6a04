/** What the order answers look like, for the API document (checked against the schemas by the tests). */
const IMAGES = 'https://shop.example.com/images';

const address = { name: '张三', mobile: '13800138000', province: '广东省', city: '广州市', country: '天河区', detail: '某路 1 号' };

const line = { id: 1, haveStock: true, counts: 2, price: '0.01', name: '芹菜 半斤', totalPrice: '0.02', main_img_url: `${IMAGES}/product-vg@1.png` };

const summary = {
  id: 42,
  order_no: 'A7231650123456789',
  user_id: 7,
  total_price: '0.02',
  status: 2,
  snap_img: `${IMAGES}/product-vg@1.png`,
  snap_name: '芹菜 半斤',
  total_count: 2,
  create_time: '2025-07-23 16:50:12',
};

const refund = {
  out_refund_no: 'RA7231712345678901',
  order_id: 42,
  refund_fee: '0.01',
  status: 'REFUNDING',
  reason: '少发一件',
  create_time: '2025-07-23 17:12:00',
};
const orderRefund = { ...refund, failure_reason: null, update_time: '2025-07-23 17:12:00' };

/** Shipped by express, uploaded, the buyer told; WeChat has not pushed anything about it yet. */
const delivery = {
  shipping_upload: 'uploaded',
  shipments: [
    {
      seq: 1,
      logistics_type: 'express',
      parcels: [{ carrier_code: 'SF', tracking_no: 'SF1400000001' }],
      ship_time: '2025-07-23 18:00:00',
      upload: { state: 'uploaded', error_code: null, reason: null, tries: 1, update_time: '2025-07-23 18:00:30' },
      message: { state: 'sent', error_code: null, reason: null, tries: 1, update_time: '2025-07-23 18:00:31' },
    },
  ],
  trade: null,
};

const detail = { ...summary, snap_items: [line], snap_address: address, pay_time: '2025-07-23 16:51:02', refunds: [orderRefund], ...delivery };

const notPassed = {
  pass: false,
  order_id: -1,
  orderPrice: '0.02',
  totalCount: 2,
  pStatusArray: [{ ...line, haveStock: false }],
};

export const ORDER_EXAMPLES = {
  address,
  placeOrderBody: { products: [{ product_id: 1, count: 2 }] },
  placed: { order_no: 'A7231650123456789', order_id: 42, create_time: '2025-07-23 16:50:12', pass: true },
  notPassed,
  summary,
  detail,
  refund,
  cmsRow: { ...summary, snap_address: address, refunds: [orderRefund], ...delivery },
  cmsDetail: {
    ...detail,
    transaction_id: '4200001234202507231234567890',
    refundable_fee: '0.01',
    payment_attempts: [{ out_trade_no: 'A7231650123456789', create_time: '2025-07-23 16:50:40', expire_time: '2025-07-23 17:20:12' }],
    refunds: [{ ...orderRefund, cause: 'REQUESTED' }],
  },
  payment: {
    timeStamp: '1753260640',
    nonceStr: 'k2Jx9QpLm4Rt7VwZ',
    package: 'prepay_id=wx2316504012345678901234567890',
    signType: 'MD5',
    paySign: 'C380BEC2BFD727A4B6845133519F3AD6',
  },
};
