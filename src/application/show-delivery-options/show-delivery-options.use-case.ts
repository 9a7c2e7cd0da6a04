import { inject, injectable } from 'inversify';
import { type Carrier, CarrierDirectory, ShippingGateway, WeChatApiError } from '../ports/wechat-mini-program.js';

export interface DeliveryOptions {
  /** WeChat's carriers: what an express parcel may name. */
  readonly carriers: readonly Carrier[];
  /** Whether WeChat's shipping management covers the mini-program; null when WeChat did not say. */
  readonly tradeManaged: boolean | null;
}

/**
 * What an operator chooses from when delivering: WeChat's carrier list (both answers come from the
 * WeChat client's cache). Without the carriers nothing can ship by express, so their failure is
 * the answer's; `is_trade_managed` is only told, as `/readyz` does.
 */
@injectable()
export class ShowDeliveryOptions {
  constructor(
    @inject(CarrierDirectory) private readonly carriers: CarrierDirectory,
    @inject(ShippingGateway) private readonly shipping: ShippingGateway,
  ) {}

  async execute(): Promise<DeliveryOptions> {
    const [carriers, tradeManaged] = await Promise.all([
      this.carriers.carrierList(),
      this.shipping.isTradeManaged().catch((error: unknown) => {
        if (error instanceof WeChatApiError) return null;
        throw error;
      }),
    ]);
    return { carriers, tradeManaged };
  }
}
