import { inject, injectable } from 'inversify';
import { type BatchReport, runLeasedBatch } from '../leased-batch.js';
import { Clock } from '../ports/clock.js';
import { DeliveryConfig } from '../ports/delivery.config.js';
import { Outbox, type OutboxEnd, type OutboxItem } from '../ports/outbox.js';
import { PayConfig } from '../ports/pay.config.js';
import { ShippingGateway, SubscribeMessenger, WeChatApiError } from '../ports/wechat-mini-program.js';
import { verdictOn } from './outbox-answers.js';

export interface SendOutboxCommand {
  readonly limit: number;
}

export type OutboxOutcome = 'DONE' | 'FAILED' | 'SKIPPED' | 'RETRY' | 'GONE';
export type SendOutboxReport = BatchReport<OutboxOutcome>;

/**
 * One run of the outbox job: sends shipments' uploads and delivery messages to WeChat. Each item is
 * claimed with a lease (two instances and `npm run jobs` never send the same one at once) and
 * ended by compare-and-set, so WeChat is told once. A mini-program not under shipping management
 * is not made to wait: its uploads are SKIPPED.
 */
@injectable()
export class SendOutbox {
  constructor(
    @inject(Outbox) private readonly outbox: Outbox,
    @inject(ShippingGateway) private readonly shipping: ShippingGateway,
    @inject(SubscribeMessenger) private readonly messenger: SubscribeMessenger,
    @inject(Clock) private readonly clock: Clock,
    @inject(PayConfig) private readonly payConfig: PayConfig,
    @inject(DeliveryConfig) private readonly config: DeliveryConfig,
  ) {}

  async execute({ limit }: SendOutboxCommand): Promise<SendOutboxReport> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + this.payConfig.jobItemLeaseSeconds * 1000);
    return runLeasedBatch(
      await this.outbox.findDue(now, limit),
      (key) => this.outbox.claim(key, now, until),
      (key) => this.send(key),
    );
  }

  private async send(key: string): Promise<OutboxOutcome> {
    const item = await this.outbox.find(key);
    if (!item || item.status !== 'PENDING') return 'GONE';
    try {
      const { work } = item;
      if (work.kind === 'SUBSCRIBE_MESSAGE') {
        await this.messenger.send(work);
      } else {
        if (!(await this.shipping.isTradeManaged())) {
          return this.end(item, { status: 'SKIPPED', errorCode: 'NOT_TRADE_MANAGED', errorMessage: 'the mini-program is not under WeChat\'s shipping management: nothing to upload', at: this.clock.now() });
        }
        if (work.logisticsType === null) {
          return this.end(item, { status: 'FAILED', errorCode: 'NO_LOGISTICS_TYPE', errorMessage: 'the shipment names no logistics type', at: this.clock.now() });
        }
        await this.shipping.upload({ ...work, logisticsType: work.logisticsType, uploadTime: this.clock.now() });
      }
      return this.end(item, { status: 'DONE', at: this.clock.now() });
    } catch (error) {
      if (!(error instanceof WeChatApiError)) throw error;
      const at = this.clock.now();
      const verdict = verdictOn(item, error, this.config.uploadRetrySeconds);
      if ('fail' in verdict) return this.end(item, { status: 'FAILED', errorCode: String(error.errcode), errorMessage: error.errmsg, at });
      await this.outbox.retryAt(key, new Date(at.getTime() + verdict.retryAfterSeconds * 1000), { code: String(error.errcode), message: error.errmsg }, at);
      return 'RETRY';
    }
  }

  private async end(item: OutboxItem, end: OutboxEnd): Promise<OutboxOutcome> {
    // A lost compare-and-set means another worker ended it first (its lease had run out): nothing more to do.
    return (await this.outbox.end(item.key, end)) ? end.status : 'GONE';
  }
}
