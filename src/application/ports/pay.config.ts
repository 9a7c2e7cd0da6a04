/** Settings the payment use cases need, bound by the composition root from configuration. */
export interface PayConfig {
  /** How long an unpaid order may be paid, in seconds; prepay `time_expire` follows it. */
  readonly orderPayTimeoutSeconds: number;
}

export const PayConfig = Symbol('PayConfig');
