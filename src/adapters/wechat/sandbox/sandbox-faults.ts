import { SandboxControlError } from './sandbox-merchant.js';
import { SANDBOX_PAY_PATHS } from './sandbox-pay.api.js';

export type SandboxPayPath = (typeof SANDBOX_PAY_PATHS)[number];

export interface StallOptions {
  /** How many of the next requests to the path stall (1 by default). */
  readonly times?: number;
  /** true: WeChat did the work and only its answer was lost; false (default): the request never arrived. */
  readonly processed?: boolean;
}

/**
 * WeChat being slow: a stalled request gets no answer until the caller gives up, as when a
 * call times out. Also counts the requests each merchant API path received, stalled or not.
 */
export class SandboxFaults {
  private readonly stalls = new Map<string, { left: number; processed: boolean }>();
  private readonly calls = new Map<string, number>();

  stall(path: string, options: StallOptions = {}): void {
    if (!(SANDBOX_PAY_PATHS as readonly string[]).includes(path)) {
      throw new SandboxControlError(400, 'BAD_PATH', `stall one of ${SANDBOX_PAY_PATHS.join(', ')}`);
    }
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 0) throw new SandboxControlError(400, 'BAD_TIMES', 'times is an integer ≥ 0');
    this.stalls.set(path, { left: times, processed: options.processed ?? false });
  }

  /** Counts one request and says whether it stalls, and if so whether it is processed first. */
  next(path: string): { stall: false } | { stall: true; processed: boolean } {
    this.calls.set(path, (this.calls.get(path) ?? 0) + 1);
    const stall = this.stalls.get(path);
    if (!stall || stall.left === 0) return { stall: false };
    stall.left--;
    return { stall: true, processed: stall.processed };
  }

  /** Requests received per path since the sandbox started. */
  counts(): Record<string, number> {
    return Object.fromEntries(this.calls);
  }
}
