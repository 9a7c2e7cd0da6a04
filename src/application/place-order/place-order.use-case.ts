import { inject, injectable } from 'inversify';
import {
  type Fen,
  type LineStatus,
  type NewOrder,
  type OrderLine,
  OrderStatus,
  type StockCheck,
  checkStock,
  mergeLines,
  takeSnapshot,
  withShortLines,
} from '../../domain/index.js';
import { AddressBook } from '../ports/address.book.js';
import { Clock } from '../ports/clock.js';
import { OrderNumberGenerator } from '../ports/order-number.generator.js';
import { OrderRepository } from '../ports/order.repository.js';
import { PayConfig } from '../ports/pay.config.js';
import { StockGateway } from '../ports/stock.gateway.js';
import { UnitOfWork } from '../ports/unit-of-work.js';

export interface PlaceOrderCommand {
  readonly uid: number;
  readonly products: readonly OrderLine[];
}

export type PlaceOrderResult =
  | { readonly pass: true; readonly orderNo: string; readonly orderId: number; readonly createTime: Date }
  | {
      readonly pass: false;
      readonly orderId: -1;
      readonly orderPrice: Fen;
      readonly totalCount: number;
      readonly pStatusArray: LineStatus[];
    };

@injectable()
export class PlaceOrder {
  constructor(
    @inject(StockGateway) private readonly stock: StockGateway,
    @inject(AddressBook) private readonly addresses: AddressBook,
    @inject(OrderRepository) private readonly orders: OrderRepository,
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(OrderNumberGenerator) private readonly orderNumbers: OrderNumberGenerator,
    @inject(Clock) private readonly clock: Clock,
    @inject(PayConfig) private readonly config: PayConfig,
  ) {}

  async execute(command: PlaceOrderCommand): Promise<PlaceOrderResult> {
    const lines = mergeLines(command.products);
    // Two independent reads: issued together, an order waits for one round trip, not two.
    // Under on_payment the products' stock is what live holds leave: a buyer who could not get
    // past pre_order is told now, before an order exists.
    const [products, address] = await Promise.all([
      this.stock.findProducts(lines.map((line) => line.productId)),
      this.addresses.findByUser(command.uid),
    ]);
    const check = checkStock(lines, products);
    if (!check.pass) return shortOf(check);
    const snapshot = takeSnapshot(check, address);
    const createTime = this.clock.now();
    const orderNo = this.orderNumbers.next(createTime);
    const reserve = this.config.stockPolicy === 'on_order';
    const order: NewOrder = {
      orderNo,
      userId: command.uid,
      status: OrderStatus.UNPAID,
      totalPrice: snapshot.orderPrice,
      totalCount: snapshot.totalCount,
      stockReserved: reserve,
      snapName: snapshot.snapName,
      snapImg: snapshot.snapImg,
      snapItems: snapshot.pStatusArray,
      snapAddress: snapshot.snapAddress,
      lines,
      createTime,
    };
    // Under on_payment the order is the only write, and an insert is all or nothing on its own.
    if (!reserve) return { pass: true, orderNo, orderId: await this.orders.insert(order), createTime };
    const placed = await this.unitOfWork.run(async ({ orders, stock }) => {
      // The read above may be stale: the conditional decrement is what reserves the goods.
      const deduction = await stock.deductAll(lines);
      if (!deduction.ok) return withShortLines(check, deduction.shortProductIds);
      return orders.insert(order);
    });
    if (typeof placed !== 'number') return shortOf(placed);
    return { pass: true, orderNo, orderId: placed, createTime };
  }
}

function shortOf({ orderPrice, totalCount, pStatusArray }: StockCheck): PlaceOrderResult {
  return { pass: false, orderId: -1, orderPrice, totalCount, pStatusArray };
}
