/** The v3 merchant API paths the sandbox serves; the templates also name them for faults and call counts. */
export const SANDBOX_V3_PATHS = [
  '/v3/pay/transactions/jsapi',
  '/v3/pay/transactions/out-trade-no/{out_trade_no}',
  '/v3/pay/transactions/out-trade-no/{out_trade_no}/close',
  '/v3/refund/domestic/refunds',
  '/v3/refund/domestic/refunds/{out_refund_no}',
  '/v3/certificates',
] as const;

export type SandboxV3Path = (typeof SANDBOX_V3_PATHS)[number];

const ROUTES: ReadonlyArray<{ method: 'GET' | 'POST'; template: SandboxV3Path; pattern: RegExp }> = [
  { method: 'POST', template: '/v3/pay/transactions/jsapi', pattern: /^\/v3\/pay\/transactions\/jsapi$/ },
  { method: 'GET', template: '/v3/pay/transactions/out-trade-no/{out_trade_no}', pattern: /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/ },
  { method: 'POST', template: '/v3/pay/transactions/out-trade-no/{out_trade_no}/close', pattern: /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/ },
  { method: 'POST', template: '/v3/refund/domestic/refunds', pattern: /^\/v3\/refund\/domestic\/refunds$/ },
  { method: 'GET', template: '/v3/refund/domestic/refunds/{out_refund_no}', pattern: /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/ },
  { method: 'GET', template: '/v3/certificates', pattern: /^\/v3\/certificates$/ },
];

export interface MatchedRoute {
  readonly template: SandboxV3Path;
  /** The decoded path parameter; '' when the route has none or it does not decode. */
  readonly param: string;
}

export function matchV3Route(method: string, path: string): MatchedRoute | null {
  for (const route of ROUTES) {
    const match = route.method === method ? route.pattern.exec(path) : null;
    if (match) return { template: route.template, param: decoded(match[1] ?? '') };
  }
  return null;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}
