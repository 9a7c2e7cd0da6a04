import { type NewOrder, type Order, OrderStatus } from '../../src/domain/index.js';
import { anAddress } from '../support/mothers.js';

let sequence = 0;

/** A valid order as PlaceOrder would write it: two lines, snapshot in Chinese, prices in fen. */
export function aNewOrder(overrides: Partial<NewOrder> = {}): NewOrder {
  sequence += 1;
  return {
    orderNo: `A${String(Date.now()).slice(-9)}${String(sequence).padStart(6, '0')}`,
    userId: 1,
    status: OrderStatus.UNPAID,
    totalPrice: 500,
    totalCount: 3,
    stockReserved: false,
    snapName: '商品1等',
    snapImg: '/images/product-01.png',
    snapItems: [
      { id: 1, haveStock: true, counts: 1, price: 100, name: '商品1', totalPrice: 100, main_img_url: '/images/product-01.png' },
      { id: 2, haveStock: true, counts: 2, price: 200, name: '商品2', totalPrice: 400, main_img_url: '/images/product-02.png' },
    ],
    snapAddress: anAddress(),
    lines: [
      { productId: 1, count: 1 },
      { productId: 2, count: 2 },
    ],
    createTime: new Date('2026-11-24T04:00:00.000Z'),
    ...overrides,
  };
}

/** An order as a repository reads it back: `aNewOrder` with an id and, unless overridden, no payment yet. */
export function anOrder(overrides: Partial<Order> = {}): Order {
  return { ...aNewOrder(), id: 1, prepayId: null, prepayExpiresAt: null, transactionId: null, paidAt: null, ...overrides };
}
