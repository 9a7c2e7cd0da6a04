import { h, replace } from '../dom.js';
import { ORDER_STATUSES, money, orderStatus, refundSummary } from '../format.js';
import { PAGE_SIZES, orderHash, ordersHash } from '../routes.js';
import { errorBox } from './feedback.js';

/**
 * @typedef {{
 *   id: number, order_no: string, user_id: number, create_time: string, total_price: string,
 *   status: number, snap_name: string, total_count: number,
 *   snap_address: { name: string, mobile: string } | null,
 *   refunds: { refund_fee: string, status: string }[],
 * }} OrderRow
 */

const COLUMNS = ['Number', 'Placed', 'Buyer', 'Items', 'Total', 'Status', 'Refunds'];

/** @param {OrderRow} order */
function row(order) {
  const address = order.snap_address;
  /** @type {(string | Node)[]} */
  const cells = [
    h('a', { href: orderHash(order.id) }, order.order_no),
    order.create_time,
    h('span', {}, address ? `${address.name} · ${address.mobile}` : '—', h('span', { class: 'muted block' }, `user ${order.user_id}`)),
    `${order.snap_name} (${order.total_count} ${order.total_count === 1 ? 'piece' : 'pieces'})`,
    h('span', { class: 'money' }, money(order.total_price)),
    h('span', { class: `badge status-${order.status}` }, orderStatus(order.status)),
    refundSummary(order.refunds),
  ];
  return h('tr', {}, cells.map((cell, index) => h(index === 0 ? 'th' : 'td', { 'data-label': COLUMNS[index], scope: index === 0 ? 'row' : null }, cell)));
}

/**
 * Every order, newest first, a page at a time, filtered by status.
 * @param {{
 *   api: import('../api.js').Api,
 *   route: import('../routes.js').OrdersRoute,
 *   navigate: (hash: string) => void,
 * }} options
 */
export function ordersView({ api, route, navigate }) {
  const { page, size, status } = route;
  const go = (/** @type {Partial<import('../routes.js').OrdersRoute>} */ change) => navigate(ordersHash({ page, size, status, ...change }));

  const statusFilter = h(
    'select',
    { id: 'status-filter', onchange: () => go({ status: Number(statusFilter.value) || null, page: 1 }) },
    h('option', { value: '' }, 'All statuses'),
    ORDER_STATUSES.map(([value, label]) => h('option', { value, selected: value === status }, label)),
  );
  const sizeChoice = h(
    'select',
    { id: 'page-size', onchange: () => go({ size: Number(sizeChoice.value), page: 1 }) },
    PAGE_SIZES.map((each) => h('option', { value: each, selected: each === size }, String(each))),
  );
  const loading = h('p', { role: 'status', class: 'muted' }, 'Loading orders…');
  const failure = errorBox();
  const results = h('div', { class: 'results' }, loading);
  const previous = h('button', { type: 'button', disabled: page <= 1, onclick: () => go({ page: page - 1 }) }, 'Previous page');
  const next = h('button', { type: 'button', disabled: true, onclick: () => go({ page: page + 1 }) }, 'Next page');

  const view = h(
    'section',
    { class: 'orders', 'aria-labelledby': 'orders-title' },
    h('h1', { id: 'orders-title', tabindex: '-1' }, 'Orders'),
    h(
      'div',
      { class: 'filters' },
      h('div', { class: 'field' }, h('label', { for: 'status-filter' }, 'Status'), statusFilter),
      h('div', { class: 'field' }, h('label', { for: 'page-size' }, 'Per page'), sizeChoice),
      h('button', { type: 'button', class: 'quiet', onclick: () => navigate(ordersHash(route)) }, 'Refresh'),
    ),
    failure.element,
    results,
    h('nav', { class: 'pager', 'aria-label': 'Pages' }, previous, h('span', { 'aria-current': 'page' }, `Page ${page}`), next),
  );

  api
    .orders({ page, size, status })
    .then((/** @type {{ data: OrderRow[] }} */ answer) => {
      const orders = answer.data;
      // A full page may have more behind it; a short one is the last.
      next.disabled = orders.length < size;
      if (orders.length === 0) {
        const which = status ? ` with status “${orderStatus(status)}”` : '';
        replace(results, h('p', { class: 'empty', role: 'status' }, page > 1 ? `No more orders${which} on page ${page}.` : `No orders${which} yet.`));
        return;
      }
      replace(
        results,
        h(
          'table',
          { class: 'list' },
          h('caption', {}, `Orders${status ? ` (${orderStatus(status)})` : ''}, newest first, page ${page}`),
          h('thead', {}, h('tr', {}, COLUMNS.map((name) => h('th', { scope: 'col' }, name)))),
          h('tbody', {}, orders.map(row)),
        ),
      );
    })
    .catch((error) => {
      replace(results);
      failure.show(error);
    });
  return view;
}
