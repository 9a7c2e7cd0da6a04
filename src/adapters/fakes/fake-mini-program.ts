import {
  type Carrier,
  type CarrierDirectory,
  type ShippingGateway,
  type ShippingUpload,
  type SubscribeMessage,
  type SubscribeMessenger,
  WeChatApiError,
} from '../../application/index.js';

type Call = 'upload' | 'send' | 'carriers' | 'managed';

/** WeChat's mini-program side for use-case tests: it records what it was sent and refuses what a test scripts. */
export class FakeMiniProgram implements ShippingGateway, CarrierDirectory, SubscribeMessenger {
  readonly uploads: ShippingUpload[] = [];
  readonly messages: SubscribeMessage[] = [];
  carriers = new Set(['SF', 'ZTO', 'YTO', 'STO', 'YD', 'EMS', 'JTSD', 'DBL']);
  tradeManaged = true;
  private readonly refusals: { call: Call; error: WeChatApiError }[] = [];

  /** The next `times` calls of `call` answer `errcode`. */
  refuse(call: Call, errcode: number, errmsg = 'refused by the test', times = 1): void {
    for (let i = 0; i < times; i++) this.refusals.push({ call, error: new WeChatApiError(errcode, errmsg) });
  }

  async upload(upload: ShippingUpload): Promise<void> {
    this.answer('upload');
    this.uploads.push(structuredClone(upload));
  }

  async isTradeManaged(): Promise<boolean> {
    this.answer('managed');
    return this.tradeManaged;
  }

  async carrierCodes(): Promise<ReadonlySet<string>> {
    this.answer('carriers');
    return this.carriers;
  }

  async carrierList(): Promise<readonly Carrier[]> {
    this.answer('carriers');
    return [...this.carriers].map((code) => ({ code, name: code }));
  }

  async send(message: SubscribeMessage): Promise<void> {
    this.answer('send');
    this.messages.push(structuredClone(message));
  }

  private answer(call: Call): void {
    const index = this.refusals.findIndex((refusal) => refusal.call === call);
    if (index >= 0) throw this.refusals.splice(index, 1)[0]!.error;
  }
}
