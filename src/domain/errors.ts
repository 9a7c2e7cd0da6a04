/**
 * Expected business failures. `code` is stable and machine-readable; `errorCode` is the
 * numeric code the zerg mini-program clients already understand.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly errorCode: number;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class ProductNotFound extends DomainError {
  readonly code = 'PRODUCT.NOT_FOUND';
  readonly errorCode = 80000;
  constructor(readonly productIds: number[]) {
    super(`商品不存在，订单创建失败: product ${productIds.join(', ')} not found`);
  }
}

export class AddressMissing extends DomainError {
  readonly code = 'ADDRESS.MISSING';
  readonly errorCode = 60001;
  constructor() {
    super('用户收货地址不存在，下单失败: the user has no address');
  }
}

export class OrderNotFound extends DomainError {
  readonly code = 'ORDER.NOT_FOUND';
  readonly errorCode = 80000;
  constructor(readonly orderId: number) {
    super(`订单不存在，请检查ID: order ${orderId} not found`);
  }
}

export class NotOrderOwner extends DomainError {
  readonly code = 'ORDER.NOT_OWNER';
  readonly errorCode = 10003;
  constructor() {
    super('订单与用户不匹配: the order belongs to another user');
  }
}

export class OrderNotPayable extends DomainError {
  readonly code = 'ORDER.NOT_PAYABLE';
  readonly errorCode = 80003;
  constructor(readonly orderId: number, reason: string) {
    super(`订单已支付过或已关闭: order ${orderId} cannot be paid (${reason})`);
  }
}

export class OrderClosed extends DomainError {
  readonly code = 'ORDER.CLOSED';
  readonly errorCode = 80004;
  constructor(readonly orderId: number) {
    super(`订单已关闭，请重新下单: order ${orderId} was closed unpaid; place a new order`);
  }
}

export class OrderNotDeliverable extends DomainError {
  readonly code = 'ORDER.NOT_DELIVERABLE';
  readonly errorCode = 80002;
  constructor(readonly orderId: number) {
    super(`订单还没付款或已发货: order ${orderId} is not a paid, undelivered order`);
  }
}

export class RefundNotAllowed extends DomainError {
  readonly code = 'REFUND.NOT_ALLOWED';
  readonly errorCode = 80006;
  constructor(readonly orderId: number, reason: string) {
    super(`订单不能退款: order ${orderId} cannot be refunded (${reason})`);
  }
}

export class IllegalOrderTransition extends DomainError {
  readonly code = 'ORDER.ILLEGAL_TRANSITION';
  readonly errorCode = 80005;
  constructor(readonly from: string, readonly to: string) {
    super(`order status cannot move from ${from} to ${to}`);
  }
}

export class InvalidMoney extends DomainError {
  readonly code = 'MONEY.INVALID';
  readonly errorCode = 10000;
  constructor(value: unknown) {
    super(`money must be a non-negative safe integer number of fen, got ${String(value)}`);
  }
}

export class InvalidOrderLine extends DomainError {
  readonly code = 'ORDER.INVALID_LINE';
  readonly errorCode = 10000;
  constructor(message: string) {
    super(message);
  }
}
