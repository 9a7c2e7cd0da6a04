import { type Delivery, type ListeningSandbox, type Sandbox, createSandbox, shopEnvFor } from '../../sandbox/index.js';

/**
 * WeChat's side, played by the shop's own sandbox in the bench process (WeChat's servers are not
 * the shop's CPU): the server reaches it through the WeChat settings of `shopEnv`.
 */
export class BenchWeChat {
  private readonly waiting = new Map<Delivery, () => void>();
  private ticker: NodeJS.Timeout | null = null;

  private constructor(
    readonly sandbox: Sandbox,
    private readonly listening: ListeningSandbox,
  ) {}

  static async start(): Promise<BenchWeChat> {
    // Retries of an unanswered notification come 1000 times sooner than WeChat's schedule.
    const sandbox = createSandbox({ timeScale: 0.001, notifyTimeoutMs: 30_000 });
    return new BenchWeChat(sandbox, await sandbox.listen(0));
  }

  get url(): string {
    return this.listening.url;
  }

  /** The server's WeChat settings: both bases on this sandbox, and its merchant's credentials. */
  get shopEnv(): Record<string, string> {
    return shopEnvFor(this.listening.url, this.sandbox.merchant);
  }

  /** The user pays in WeChat; resolves when the shop has answered the notification SUCCESS. */
  async payAndAwaitNotify(prepayId: string): Promise<Delivery> {
    const outcome = this.sandbox.pay({ prepayId });
    const id: number | null = outcome.notificationId;
    const delivery = id === null ? undefined : this.sandbox.notifications()[id - 1];
    if (!delivery) throw new Error(`the sandbox sent no notification for ${outcome.outTradeNo}`);
    await this.acknowledged(delivery);
    return delivery;
  }

  private acknowledged(delivery: Delivery): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.set(delivery, () => {
        if (delivery.state === 'ACKNOWLEDGED') resolve();
        else reject(new Error(`notification for ${delivery.outTradeNo} ended ${delivery.state}: ${delivery.attempts.at(-1)?.detail ?? ''}`));
      });
      this.ticker ??= setInterval(() => this.tick(), 1);
    });
  }

  /** One timer for every waiting notification; a delivery is final once acknowledged or given up. */
  private tick(): void {
    for (const [delivery, settle] of this.waiting) {
      if (delivery.state === 'ACKNOWLEDGED' || delivery.state === 'GAVE_UP' || delivery.state === 'STOPPED' || delivery.state === 'REFUSED_URL') {
        this.waiting.delete(delivery);
        settle();
      }
    }
    if (this.waiting.size === 0 && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
  }

  async close(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    await this.sandbox.close();
  }
}
