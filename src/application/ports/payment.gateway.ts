import type { Fen } from '../../domain/index.js';

export interface PrepayRequest {
  readonly outTradeNo: string;
  readonly totalFee: Fen;
  readonly body: string;
  readonly openid: string;
  readonly clientIp: string;
  readonly timeExpire: Date;
}

/** The fields `wx.requestPayment` takes, signed server-side; appId stays on the server. */
export interface PaymentParams {
  readonly timeStamp: string;
  readonly nonceStr: string;
  readonly package: string;
  readonly signType: string;
  readonly paySign: string;
}

export type TradeState = 'SUCCESS' | 'NOTPAY' | 'CLOSED' | 'REFUND' | 'USERPAYING' | 'PAYERROR' | 'REVOKED' | 'NOT_FOUND';

export interface TradeQuery {
  readonly state: TradeState;
  readonly outTradeNo: string;
  readonly transactionId?: string;
  readonly totalFee?: Fen;
  readonly paidAt?: Date;
}

/** Why the payment provider refused or failed; the use cases act on `reason`. */
export class PaymentGatewayError extends Error {
  constructor(
    readonly reason: 'ORDERPAID' | 'ORDERCLOSED' | 'OUT_TRADE_NO_USED' | 'SYSTEMERROR' | 'TIMEOUT' | 'COMMUNICATION' | 'INVALID_RESPONSE' | 'REJECTED',
    message: string,
  ) {
    super(message);
    this.name = 'PaymentGatewayError';
  }
}

export const PaymentGateway = Symbol('PaymentGateway');
export interface PaymentGateway {
  /** WeChat Pay unified order, trade_type JSAPI; resolves to the prepay id. */
  prepay(request: PrepayRequest): Promise<string>;
  /** Signs the mini-program's payment parameters for a prepay id. */
  paymentParams(prepayId: string): PaymentParams;
  queryTrade(outTradeNo: string): Promise<TradeQuery>;
  closeTrade(outTradeNo: string): Promise<void>;
}
