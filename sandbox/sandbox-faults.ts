import { SandboxControlError } from './sandbox-merchant.js';
import { SANDBOX_PAY_PATHS } from './sandbox-pay.api.js';
import { SANDBOX_V3_PATHS } from './v3/v3-routes.js';

/** v2 paths, and v3 route templates such as `/v3/pay/transactions/out-trade-no/{out_trade_no}`. */
export const SANDBOX_FAULT_PATHS: readonly string[] = [...SANDBOX_PAY_PATHS, ...SANDBOX_V3_PATHS];
export type SandboxPayPath = (typeof SANDBOX_PAY_PATHS)[number] | (typeof SANDBOX_V3_PATHS)[number];

export interface StallOptions {
  /** How many of the next requests to the path stall (1 by default; 0 lifts the fault). */
  readonly times?: number;
  /** true: WeChat did the work and only its answer was lost; false (default): the request never arrived. */
  readonly processed?: boolean;
}

export interface FailOptions {
  /** How many of the next requests to the path are refused (1 by default; 0 lifts the fault). */
  readonly times?: number;
  /** WeChat's err_code (v2) or code (v3): SYSTEMERROR / SYSTEM_ERROR (WeChat is overloaded: try again) by default. */
  readonly errCode?: string;
}

/** What happens to one request: nothing, no answer (after doing the work or not), or a signed refusal. */
export type Fault = { readonly kind: 'stall'; readonly processed: boolean } | { readonly kind: 'fail'; readonly errCode: string };

/**
 * WeChat misbehaving on one merchant API path: a stalled request gets no answer until the caller
 * gives up, as when a call times out; a failed one is refused, correctly signed, without being
 * processed. One fault per path, the latest set. Also counts the requests each path received.
 */
export class SandboxFaults {
  private readonly faults = new Map<string, { left: number; fault: Fault }>();
  private readonly calls = new Map<string, number>();

  stall(path: string, options: StallOptions = {}): void {
    this.set(path, options.times, { kind: 'stall', processed: options.processed ?? false });
  }

  /** Returns the err_code the refusals carry. */
  fail(path: string, options: FailOptions = {}): string {
    const errCode = options.errCode ?? (path.startsWith('/v3/') ? 'SYSTEM_ERROR' : 'SYSTEMERROR');
    if (!/^[A-Z_]{1,32}$/.test(errCode)) throw new SandboxControlError(400, 'BAD_ERR_CODE', 'err_code is one of WeChat\'s, e.g. SYSTEMERROR');
    this.set(path, options.times, { kind: 'fail', errCode });
    return errCode;
  }

  /** Counts one request and says what befalls it. */
  next(path: string): Fault | null {
    this.calls.set(path, (this.calls.get(path) ?? 0) + 1);
    const armed = this.faults.get(path);
    if (!armed || armed.left === 0) return null;
    armed.left--;
    return armed.fault;
  }

  /** Requests received per path since the sandbox started. */
  counts(): Record<string, number> {
    return Object.fromEntries(this.calls);
  }

  private set(path: string, times = 1, fault: Fault): void {
    if (!SANDBOX_FAULT_PATHS.includes(path)) {
      throw new SandboxControlError(400, 'BAD_PATH', `a fault goes on one of ${SANDBOX_FAULT_PATHS.join(', ')}`);
    }
    if (!Number.isInteger(times) || times < 0) throw new SandboxControlError(400, 'BAD_TIMES', 'times is an integer ≥ 0');
    this.faults.set(path, { left: times, fault });
  }
}
