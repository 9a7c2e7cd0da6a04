import { h, replace } from '../dom.js';
import { PAID, fen, money, orderStatus, refundCause, refundStatus } from '../format.js';
import { errorBox, statusBox } from './feedback.js';
import { deliverForm, refundForm } from './order-actions.js';
import { shipmentsSection } from './shipments.js';

/** Statuses with a payment that may be given back. */
const REFUNDABLE = [2, 3, 4];
const DELIVERED = 3;
/** The delivery and the one re-shipment WeChat allows. */
const MAX_SHIPMENTS = 2;

/**
 * @typedef {import('./order-actions.js').ActionableOrder & {
 *   status: number, user_id: number, create_time: string, pay_time: string | null, transaction_id: string | null,
 *   snap_name: string, total_count: number,
 *   snap_items: { id: number, name: string, price: string, counts: number, totalPrice: string, main_img_url: string }[],
 *   snap_address: { name: string, mobile: string, province: string, city: string, country: string, detail: string },
 *   payment_attempts: { out_trade_no: string, create_time: string, expire_time: string }[],
 *   refunds: { out_refund_no: string, refund_fee: string, status: string, cause: string, reason: string,
 *              failure_reason: string | null, create_time: string, update_time: string }[],
 * } & import('./shipments.js').DeliveredOrder} OrderDetail
 */

/** A table with a caption, or a sentence when there is nothing to list. */
function table(/** @type {string} */ caption, /** @type {string[]} */ columns, /** @type {(string | Node)[][]} */ rows, /** @type {string} */ empty) {
  if (rows.length === 0) return h('p', { class: 'muted' }, empty);
  return h(
    'table',
    { class: 'list' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, columns.map((name) => h('th', { scope: 'col' }, name)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell, index) => h('td', { 'data-label': columns[index] }, cell))))),
  );
}

/** @param {string} title @param {...import('../dom.js').Child} content */
function section(title, ...content) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

/** @param {OrderDetail} order */
function facts(order) {
  /** @type {[string, string][]} */
  const rows = [
    ['Status', orderStatus(order.status)],
    ['Placed', order.create_time],
    ['Paid', order.pay_time ?? 'Not paid'],
    ['Total', money(order.total_price)],
    ['Left to refund', money(order.refundable_fee)],
    ['Items', `${order.snap_name} (${order.total_count})`],
    ['Buyer', `${order.snap_address.name} · ${order.snap_address.mobile} (user ${order.user_id})`],
    ['WeChat transaction', order.transaction_id ?? '—'],
  ];
  return h('dl', { class: 'facts' }, rows.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));
}

/** A line's picture as it was when the order was placed, and its name. @param {OrderDetail['snap_items'][number]} line */
function product(line) {
  const picture = /^https?:\/\//.test(line.main_img_url) ? h('img', { src: line.main_img_url, alt: '', width: 40, height: 40, loading: 'lazy' }) : null;
  return h('span', { class: 'product' }, picture, h('span', {}, line.name));
}

/** @param {OrderDetail} order */
function address(order) {
  const a = order.snap_address;
  return h('address', {}, h('p', {}, `${a.name} · ${a.mobile}`), h('p', {}, `${a.province} ${a.city} ${a.country}`), h('p', {}, a.detail));
}

/**
 * One order as the operator needs it: lines, the address it was placed with, every payment
 * attempt and refund, and what can be done with it now.
 * @param {{ api: import('../api.js').Api, id: number, back: string }} options
 */
export function orderView({ api, id, back }) {
  const heading = h('h1', { id: 'order-title', tabindex: '-1' }, `Order ${id}`);
  const answer = statusBox();
  const failure = errorBox();
  const body = h('div', { class: 'order-body' }, h('p', { role: 'status', class: 'muted' }, 'Loading the order…'));
  const refresh = h('button', { type: 'button', class: 'quiet', onclick: () => load() }, 'Refresh');
  const view = h(
    'section',
    { class: 'order', 'aria-labelledby': 'order-title' },
    h('p', {}, h('a', { href: back }, '← Back to the orders')),
    h('div', { class: 'title-row' }, heading, refresh),
    answer.element,
    failure.element,
    body,
  );

  /** WeChat's carriers and trade management, asked once per view; the forms work without them. */
  const options = api.deliveryOptions().catch(() => null);

  /** @param {OrderDetail} order @param {import('../api.js').DeliveryOptions | null} delivery */
  const show = (order, delivery) => {
    const carriers = delivery?.carriers ?? [];
    heading.textContent = `Order ${order.order_no}`;
    /** @param {string} message */
    const done = (message) => {
      answer.show(message);
      load();
    };
    const refundable = REFUNDABLE.includes(order.status) && (fen(order.refundable_fee) ?? 0) > 0;
    const reshippable = order.status === DELIVERED && order.shipments.length > 0 && order.shipments.length < MAX_SHIPMENTS && refundable;
    replace(
      body,
      section('Summary', facts(order)),
      order.status === PAID && deliverForm({ api, order, done, carriers }),
      shipmentsSection({ order, carriers, managed: delivery?.trade_managed }),
      reshippable && deliverForm({ api, order, done, carriers, reship: true }),
      refundable && refundForm({ api, order, done }),
      section(
        'Lines',
        table('Lines', ['Product', 'Unit price', 'Count', 'Line total'], order.snap_items.map((line) => [product(line), money(line.price), String(line.counts), money(line.totalPrice)]), 'No lines.'),
      ),
      section('Delivery address', address(order)),
      section(
        'Payment attempts',
        table('Payment attempts', ['Trade number', 'Started', 'Pay by'], order.payment_attempts.map((attempt) => [attempt.out_trade_no, attempt.create_time, attempt.expire_time]), 'No payment was started.'),
      ),
      section(
        'Refunds',
        table(
          'Refunds',
          ['Refund number', 'Amount', 'State', 'Why', 'Reason', 'Requested', 'Last change'],
          order.refunds.map((refund) => [
            refund.out_refund_no,
            money(refund.refund_fee),
            h('span', { class: `badge refund-${refund.status.toLowerCase()}` }, refundStatus(refund.status)),
            refundCause(refund.cause),
            refund.failure_reason ? `${refund.reason} — failed: ${refund.failure_reason}` : refund.reason,
            refund.create_time,
            refund.update_time,
          ]),
          'No refunds.',
        ),
      ),
    );
  };

  const load = () => {
    failure.clear();
    refresh.disabled = true;
    Promise.all([api.order(id), options])
      .then(([order, delivery]) => show(order, delivery))
      .catch((error) => failure.show(error))
      .finally(() => {
        refresh.disabled = false;
      });
  };
  load();
  return view;
}
