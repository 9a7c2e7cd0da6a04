import { readTextLimited } from '../src/adapters/wechat/http-body.js';
import { parseXmlMessage } from '../src/adapters/wechat/xml.js';

/** Seconds WeChat waits before each repeat of an unanswered notification (24h4m in all). */
export const WECHAT_NOTIFY_RETRY_SECONDS = [
  15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
] as const;

export type DeliveryKind = 'PAYMENT' | 'DUPLICATE' | 'LATE' | 'REFUND' | 'SIGNTEST';
/**
 * LOST: recorded but never sent, to play a notification that does not arrive. REFUSED: a SIGNTEST
 * probe the merchant refused, as it must (a probe is sent once; ACKNOWLEDGED means it was believed).
 */
export type DeliveryState = 'SCHEDULED' | 'SENDING' | 'ACKNOWLEDGED' | 'GAVE_UP' | 'STOPPED' | 'REFUSED_URL' | 'LOST' | 'REFUSED';
/** v3: which of WeChat's keys signs a message, overriding the merchant's mode. */
export type SignWith = 'public_key' | 'certificate';

export interface DeliveryAttempt {
  readonly at: string;
  /** SUCCESS: v2, HTTP 200 with return_code SUCCESS; v3, any 2xx (WeChat reads only the status). */
  readonly answer: 'SUCCESS' | 'FAIL' | 'NO_ANSWER';
  readonly status: number | null;
  readonly detail: string;
  /** v3: the Wechatpay-Serial this attempt was signed under (each attempt is signed anew); null for v2. */
  readonly serial: string | null;
}

export interface Delivery {
  readonly id: number;
  readonly protocol: 'v2' | 'v3';
  readonly kind: DeliveryKind;
  readonly outTradeNo: string;
  readonly transactionId: string | null;
  readonly notifyUrl: string;
  readonly body: string;
  /** v3: the key asked for by the control call; null follows the merchant's mode. */
  readonly signWith: SignWith | null;
  readonly attempts: DeliveryAttempt[];
  state: DeliveryState;
}

export interface NotifierOptions {
  /** 1 is WeChat's real schedule; 0.001 turns 15 s into 15 ms. */
  readonly timeScale: number;
  readonly timeoutMs: number;
  readonly allowUrl: (url: string) => boolean;
  readonly now: () => Date;
  /** v3: the Wechatpay-* headers of one attempt, signed at sending time (a retry hours later is signed then). */
  readonly headersFor?: (delivery: Delivery) => Record<string, string>;
}

/** Sends notifications the way WeChat does: at once, then on its schedule until answered SUCCESS. */
export class Notifier {
  private readonly deliveries: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  constructor(private readonly options: NotifierOptions) {}

  send(draft: Omit<Delivery, 'id' | 'attempts' | 'state'>, delaySeconds = 0, lost = false): Delivery {
    const delivery: Delivery = { ...draft, id: this.deliveries.length + 1, attempts: [], state: 'SCHEDULED' };
    this.deliveries.push(delivery);
    if (lost) delivery.state = 'LOST';
    else if (this.closed) delivery.state = 'STOPPED';
    else if (!this.options.allowUrl(delivery.notifyUrl)) delivery.state = 'REFUSED_URL';
    else this.later(delaySeconds, () => this.attempt(delivery));
    this.settleIfIdle();
    return delivery;
  }

  list(): readonly Delivery[] {
    return this.deliveries;
  }

  /** Resolves once no delivery is scheduled or being sent. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.settleIfIdle();
    });
  }

  /** Stops every pending retry and in-flight request. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
    for (const delivery of this.deliveries) {
      if (delivery.state === 'SCHEDULED' || delivery.state === 'SENDING') delivery.state = 'STOPPED';
    }
    this.settleIfIdle();
  }

  private async attempt(delivery: Delivery): Promise<void> {
    if (this.closed) return;
    delivery.state = 'SENDING';
    const attempt = await this.post(delivery);
    if (this.closed) return;
    delivery.attempts.push(attempt);
    const retry = delivery.kind === 'SIGNTEST' ? undefined : WECHAT_NOTIFY_RETRY_SECONDS[delivery.attempts.length - 1];
    if (attempt.answer === 'SUCCESS') delivery.state = 'ACKNOWLEDGED';
    else if (delivery.kind === 'SIGNTEST') delivery.state = 'REFUSED';
    else if (retry === undefined) delivery.state = 'GAVE_UP';
    else {
      delivery.state = 'SCHEDULED';
      this.later(retry, () => this.attempt(delivery));
    }
    this.settleIfIdle();
  }

  private async post(delivery: Delivery): Promise<DeliveryAttempt> {
    const at = this.options.now().toISOString();
    const controller = new AbortController();
    this.inFlight.add(controller);
    const v3 = delivery.protocol === 'v3';
    const signed = v3 ? (this.options.headersFor?.(delivery) ?? {}) : {};
    const serial = signed['Wechatpay-Serial'] ?? null;
    try {
      const response = await fetch(delivery.notifyUrl, {
        method: 'POST',
        headers: { 'content-type': v3 ? 'application/json' : 'text/xml; charset=utf-8', ...signed },
        body: delivery.body,
        // Never follow a redirect off the configured address.
        redirect: 'manual',
        signal: AbortSignal.any([controller.signal, AbortSignal.timeout(this.options.timeoutMs)]),
      });
      const text = await readTextLimited(response, 16 * 1024);
      const accepted = v3 ? response.status >= 200 && response.status < 300 : response.status === 200 && answeredSuccess(text);
      return { at, answer: accepted ? 'SUCCESS' : 'FAIL', status: response.status, detail: text.slice(0, 200), serial };
    } catch (error) {
      return { at, answer: 'NO_ANSWER', status: null, detail: (error as Error).message, serial };
    } finally {
      this.inFlight.delete(controller);
    }
  }

  private later(seconds: number, run: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void run();
    }, Math.max(0, seconds * 1000 * this.options.timeScale));
    this.timers.add(timer);
  }

  private settleIfIdle(): void {
    const busy = this.deliveries.some((delivery) => delivery.state === 'SCHEDULED' || delivery.state === 'SENDING');
    if (busy) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function answeredSuccess(text: string): boolean {
  try {
    return parseXmlMessage(text).return_code === 'SUCCESS';
  } catch {
    return false;
  }
}
