/**
 * Expected business failures. `code` is stable and machine-readable (`ORDER.NOT_FOUND`): logs,
 * tests and the HTTP edge read it; the edge alone knows the status and zerg `error_code` it answers.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class ProductNotFound extends DomainError {
  readonly code = 'PRODUCT.NOT_FOUND';
  constructor(readonly productIds: number[]) {
    super(`商品不存在，订单创建失败: product ${productIds.join(', ')} not found`);
  }
}

const ADDRESS_MISSING = {
  placing: '用户收货地址不存在，下单失败: the user has no address',
  reading: '用户地址不存在: the user has not saved an address yet',
} as const;

/** The user has saved no delivery address: there is none to read, and no order to place. */
export class AddressMissing extends DomainError {
  readonly code = 'ADDRESS.MISSING';
  constructor(readonly when: keyof typeof ADDRESS_MISSING) {
    super(ADDRESS_MISSING[when]);
  }
}

export class OrderNotFound extends DomainError {
  readonly code = 'ORDER.NOT_FOUND';
  constructor(readonly orderId: number) {
    super(`订单不存在，请检查ID: order ${orderId} not found`);
  }
}

export class NotOrderOwner extends DomainError {
  readonly code = 'ORDER.NOT_OWNER';
  constructor() {
    super('订单与用户不匹配: the order belongs to another user');
  }
}

export class OrderNotPayable extends DomainError {
  readonly code = 'ORDER.NOT_PAYABLE';
  constructor(readonly orderId: number, reason: string) {
    super(`订单已支付过或已关闭: order ${orderId} cannot be paid (${reason})`);
  }
}

export class OrderClosed extends DomainError {
  readonly code = 'ORDER.CLOSED';
  constructor(readonly orderId: number) {
    super(`订单已关闭，请重新下单: order ${orderId} was closed unpaid; place a new order`);
  }
}

export class OrderNotDeliverable extends DomainError {
  readonly code = 'ORDER.NOT_DELIVERABLE';
  constructor(readonly orderId: number) {
    super(`订单还没付款或已发货: order ${orderId} is not a paid, undelivered order`);
  }
}

export class OrderFullyRefunded extends DomainError {
  readonly code = 'ORDER.FULLY_REFUNDED';
  constructor(readonly orderId: number) {
    super(`订单已全额退款，不能发货: order ${orderId} is fully refunded and cannot be delivered`);
  }
}

export class ReshipmentUsed extends DomainError {
  readonly code = 'SHIPMENT.RESHIPMENT_USED';
  constructor(readonly orderId: number) {
    super(`订单已重新发货过一次: order ${orderId} has used its one re-shipment`);
  }
}

/** A delivery that does not say what WeChat needs; `field` names the part of the request at fault. */
export class InvalidShipment extends DomainError {
  readonly code = 'SHIPMENT.INVALID';
  constructor(readonly field: string, problem: string) {
    super(`${field} ${problem}`);
  }
}

export class UnknownCarrier extends DomainError {
  readonly code = 'SHIPMENT.UNKNOWN_CARRIER';
  constructor(readonly field: string, readonly carrierCode: string) {
    super(`${field} "${carrierCode}" is not in WeChat's carrier list (get_delivery_list)`);
  }
}

export class RefundNotAllowed extends DomainError {
  readonly code = 'REFUND.NOT_ALLOWED';
  constructor(readonly orderId: number, reason: string) {
    super(`订单不能退款: order ${orderId} cannot be refunded (${reason})`);
  }
}

export class InvalidMoney extends DomainError {
  readonly code = 'MONEY.INVALID';
  constructor(value: unknown) {
    super(`money must be a non-negative safe integer number of fen, got ${String(value)}`);
  }
}

export class InvalidOrderLine extends DomainError {
  readonly code = 'ORDER.INVALID_LINE';
  constructor(message: string) {
    super(message);
  }
}
