/** Where the operator is, kept in the address's hash so a reload, a new sign-in or a shared link lands there again. */

export const PAGE_SIZES = [10, 20, 50];

/**
 * @typedef {{ name: 'orders', page: number, size: number, status: number | null }} OrdersRoute
 * @typedef {{ name: 'order', id: number }} OrderRoute
 * @typedef {OrdersRoute | OrderRoute} Route
 */

/** @param {string | null} text @param {number} max */
function positive(text, max) {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 && value <= max ? value : null;
}

/** @param {string} hash @returns {Route} */
export function parseRoute(hash) {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const order = /^\/orders\/(\d{1,10})$/.exec(path);
  const id = order ? positive(order[1] ?? '', 2_147_483_647) : null;
  if (id) return { name: 'order', id };
  const params = new URLSearchParams(query);
  const size = positive(params.get('size'), 100);
  return {
    name: 'orders',
    page: positive(params.get('page'), 10_000) ?? 1,
    size: size && PAGE_SIZES.includes(size) ? size : 20,
    status: positive(params.get('status'), 5),
  };
}

/** @param {{ page: number, size: number, status: number | null }} list */
export function ordersHash({ page, size, status }) {
  const params = new URLSearchParams({ page: String(page), size: String(size) });
  if (status) params.set('status', String(status));
  return `#/orders?${params}`;
}

/** @param {number} id */
export function orderHash(id) {
  return `#/orders/${id}`;
}
