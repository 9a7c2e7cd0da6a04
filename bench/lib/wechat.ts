import { type Delivery, type ListeningSandbox, type Sandbox, createSandbox, shopEnvFor } from '../../sandbox/index.js';
import { SandboxCheckout } from '../../test/support/shopper.js';

/**
 * WeChat's side, played by the shop's own sandbox in the bench process (WeChat's servers are not
 * the shop's CPU): the server reaches it through the WeChat settings of `shopEnv`.
 */
export class BenchWeChat {
  private readonly checkout: SandboxCheckout;

  private constructor(
    readonly sandbox: Sandbox,
    private readonly listening: ListeningSandbox,
  ) {
    this.checkout = new SandboxCheckout(sandbox);
  }

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
  payAndAwaitNotify(prepayId: string): Promise<Delivery> {
    return this.checkout.pay({ prepayId });
  }

  async close(): Promise<void> {
    this.checkout.stop();
    await this.sandbox.close();
  }
}
