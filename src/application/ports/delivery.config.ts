import type { LogisticsType, TemplateFieldMapping } from '../../domain/index.js';

/** The delivery subscribe message: its template, what each field shows, where it opens. */
export interface DeliveryMessageConfig {
  readonly templateId: string;
  readonly fields: TemplateFieldMapping;
  /** The page the message opens, `{id}` replaced by the order id; null: the mini-program's home. */
  readonly page: string | null;
  readonly miniprogramState: 'formal' | 'trial' | 'developer';
}

/** Delivery settings, bound by the composition root from configuration. */
export interface DeliveryConfig {
  /** What `{id}` alone ships as (DELIVERY_LOGISTICS_TYPE); null: as zerg did, with nothing WeChat can be told. */
  readonly defaultLogisticsType: LogisticsType | null;
  /** Null: no subscribe message is sent. */
  readonly message: DeliveryMessageConfig | null;
  /** The pause before an upload WeChat refused with 10060001 (it has not seen the payment yet) is tried again. */
  readonly uploadRetrySeconds: number;
}

export const DeliveryConfig = Symbol('DeliveryConfig');
