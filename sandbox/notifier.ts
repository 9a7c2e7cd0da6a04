import { readTextLimited } from '../src/adapters/wechat/http-body.js';
import { parseXmlMessage } from '../src/adapters/wechat/xml.js';

/** Seconds WeChat waits before each repeat of an unanswered notification (24h4m in all). */
export const WECHAT_NOTIFY_RETRY_SECONDS = [
  15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
] as const;

export type DeliveryKind = 'PAYMENT' | 'DUPLICATE' | 'LATE' | 'REFUND';
/** LOST: recorded but never sent, to play a notification that does not arrive. */
export type DeliveryState = 'SCHEDULED' | 'SENDING' | 'ACKNOWLEDGED' | 'GAVE_UP' | 'STOPPED' | 'REFUSED_URL' | 'LOST';

export interface DeliveryAttempt {
  readonly at: string;
  /** SUCCESS only when the merchant answered HTTP 200 with return_code SUCCESS. */
  readonly answer: 'SUCCESS' | 'FAIL' | 'NO_ANSWER';
  readonly status: number | null;
  readonly detail: string;
}

export interface Delivery {
  readonly id: number;
  readonly kind: DeliveryKind;
  readonly outTradeNo: string;
  readonly transactionId: string | null;
  readonly notifyUrl: string;
  readonly body: string;
  readonly attempts: DeliveryAttempt[];
  state: DeliveryState;
}

export interface NotifierOptions {
  /** 1 is WeChat's real schedule; 0.001 turns 15 s into 15 ms. */
  readonly timeScale: number;
  readonly timeoutMs: number;
  readonly allowUrl: (url: string) => boolean;
  readonly now: () => Date;
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
    const retry = WECHAT_NOTIFY_RETRY_SECONDS[delivery.attempts.length - 1];
    if (attempt.answer === 'SUCCESS') delivery.state = 'ACKNOWLEDGED';
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
    try {
      const response = await fetch(delivery.notifyUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        body: delivery.body,
        // Never follow a redirect off the configured address.
        redirect: 'manual',
        signal: AbortSignal.any([controller.signal, AbortSignal.timeout(this.options.timeoutMs)]),
      });
      const text = await readTextLimited(response, 16 * 1024);
      const answer = response.status === 200 && answeredSuccess(text) ? 'SUCCESS' : 'FAIL';
      return { at, answer, status: response.status, detail: text.slice(0, 200) };
    } catch (error) {
      return { at, answer: 'NO_ANSWER', status: null, detail: (error as Error).message };
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
