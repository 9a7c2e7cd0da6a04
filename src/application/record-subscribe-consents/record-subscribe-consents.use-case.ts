import { inject, injectable } from 'inversify';
import { Clock } from '../ports/clock.js';
import { DeliveryConfig } from '../ports/delivery.config.js';
import { SubscribeConsents } from '../ports/subscribe-consents.js';

export interface RecordSubscribeConsentsCommand {
  readonly uid: number;
  /** What `wx.requestSubscribeMessage` answered: template id → `accept`, `reject`, `ban` or `filter`. */
  readonly results: Readonly<Record<string, string>>;
}

export interface ConsentCount {
  readonly templateId: string;
  readonly result: string;
  /** Messages of the template the buyer now allows. */
  readonly remaining: number;
}

/**
 * Records a buyer's answers to `wx.requestSubscribeMessage`: each `accept` of a template the shop
 * sends allows one more message of it. Templates the shop does not send are answered, not kept.
 */
@injectable()
export class RecordSubscribeConsents {
  constructor(
    @inject(SubscribeConsents) private readonly consents: SubscribeConsents,
    @inject(DeliveryConfig) private readonly config: DeliveryConfig,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ uid, results }: RecordSubscribeConsentsCommand): Promise<ConsentCount[]> {
    const known = new Set(this.config.message ? [this.config.message.templateId] : []);
    const counts: ConsentCount[] = [];
    for (const [templateId, result] of Object.entries(results)) {
      if (!known.has(templateId)) continue;
      const remaining =
        result === 'accept'
          ? await this.consents.grant(uid, templateId, 1, this.clock.now())
          : await this.consents.remaining(uid, templateId);
      counts.push({ templateId, result, remaining });
    }
    return counts;
  }
}
