/** The shop's admin API as the console calls it: JSON, the token in the `token` header. */

const BASE = '/api/v1';

/** A refused or failed call: the HTTP status, zerg's error_code and msg, and what the headers add. */
export class ApiError extends Error {
  /**
   * @param {number} status 0 when the shop could not be reached
   * @param {{ msg?: unknown, error_code?: unknown } | null} body
   * @param {Headers | null} headers
   */
  constructor(status, body, headers) {
    const detail = typeof body?.msg === 'string' ? body.msg : '';
    super(detail || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    /** @type {number | null} */
    this.errorCode = typeof body?.error_code === 'number' ? body.error_code : null;
    this.detail = detail;
    const retryAfter = Number(headers?.get('retry-after'));
    /** Seconds the shop asks to wait (429, 503), when it says. @type {number | null} */
    this.retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
    this.requestId = headers?.get('x-request-id') ?? null;
  }

  /** The token is unknown or expired: sign in again. */
  get expired() {
    return this.status === 401 && this.errorCode === 10001;
  }
}

/**
 * @typedef {{ page: number, size: number, status?: number | null }} OrderQuery
 * @typedef {{ token: () => string | null, onExpired: () => void }} ApiOptions
 * @typedef {{ carriers: { code: string, name: string }[], trade_managed: boolean | null }} DeliveryOptions
 */

/** @param {ApiOptions} options */
export function createApi({ token, onExpired }) {
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<any>}
   */
  async function call(method, path, body) {
    /** @type {Record<string, string>} */
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const sent = token();
    if (sent) headers.token = sent;
    let response;
    try {
      response = await fetch(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, null, null);
    }
    const text = await response.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (a proxy's error page): the status alone speaks.
    }
    if (!response.ok) {
      const error = new ApiError(response.status, parsed, response.headers);
      if (error.expired && sent) onExpired();
      throw error;
    }
    return parsed;
  }

  return {
    /** @param {string} appId @param {string} secret @returns {Promise<{ token: string }>} */
    signIn: (appId, secret) => call('POST', '/token/app', { ac: appId, se: secret }),
    /** @param {OrderQuery} query */
    orders: ({ page, size, status }) => {
      const params = new URLSearchParams({ page: String(page), size: String(size) });
      if (status) params.set('status', String(status));
      return call('GET', `/order/paginate?${params}`);
    },
    /** @param {number} id */
    order: (id) => call('GET', `/order/cms/${id}`),
    /**
     * @param {number} id
     * @param {{ logistics_type: string, parcels?: { carrier_code: string, tracking_no: string }[], reship?: boolean }} shipment
     */
    deliver: (id, shipment) => call('PUT', '/order/delivery', { ...shipment, id }),
    /** WeChat's carriers and whether WeChat's shipping management covers the mini-program. @returns {Promise<DeliveryOptions>} */
    deliveryOptions: () => call('GET', '/order/delivery/options'),
    /** @param {number} id @param {string} refundFee yuan @param {string} reason */
    refund: (id, refundFee, reason) => call('POST', '/order/refund', { id, refund_fee: refundFee, reason }),
  };
}

/** @typedef {ReturnType<typeof createApi>} Api */
