import { inject, injectable } from 'inversify';
import {
  type Fen,
  type LineStatus,
  type OrderLine,
  OrderStatus,
  checkStock,
  mergeLines,
  takeSnapshot,
} from '../../domain/index.js';
import { AddressBook } from '../ports/address.book.js';
import { Clock } from '../ports/clock.js';
import { OrderNumberGenerator } from '../ports/order-number.generator.js';
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
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(OrderNumberGenerator) private readonly orderNumbers: OrderNumberGenerator,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(command: PlaceOrderCommand): Promise<PlaceOrderResult> {
    const lines = mergeLines(command.products);
    const products = await this.stock.findProducts(lines.map((line) => line.productId));
    const check = checkStock(lines, products);
    if (!check.pass) {
      const { orderPrice, totalCount, pStatusArray } = check;
      return { pass: false, orderId: -1, orderPrice, totalCount, pStatusArray };
    }
    const snapshot = takeSnapshot(check, await this.addresses.findByUser(command.uid));
    const createTime = this.clock.now();
    const orderNo = this.orderNumbers.next(createTime);
    const orderId = await this.unitOfWork.run(({ orders }) =>
      orders.insert({
        orderNo,
        userId: command.uid,
        status: OrderStatus.UNPAID,
        totalPrice: snapshot.orderPrice,
        totalCount: snapshot.totalCount,
        snapName: snapshot.snapName,
        snapImg: snapshot.snapImg,
        snapItems: snapshot.pStatusArray,
        snapAddress: snapshot.snapAddress,
        lines,
        createTime,
      }),
    );
    return { pass: true, orderNo, orderId, createTime };
  }
}
