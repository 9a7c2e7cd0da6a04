import { ApiError } from '../api.js';
import { h } from '../dom.js';
import { fen, money, yuan } from '../format.js';
import { confirmAction } from './confirm.js';
import { errorBox } from './feedback.js';
import { shipmentFields } from './shipment-fields.js';

/**
 * @typedef {{ id: number, order_no: string, total_price: string, refundable_fee: string }} ActionableOrder
 * @typedef {{ api: import('../api.js').Api, order: ActionableOrder, done: (message: string) => void }} ActionOptions
 * @typedef {ActionOptions & { carriers: readonly import('./shipment-fields.js').Carrier[], reship?: boolean }} DeliverOptions
 */

/** The shop's words for a carrier WeChat does not know: `parcels[0].carrier_code "NOPE" is not in WeChat's carrier list`. */
const UNKNOWN_CARRIER = /^(parcels\[(\d+)\]\.carrier_code) "(.*)" is not in WeChat/;

/**
 * Ships a paid order (it becomes Delivered), or re-ships a delivered one once, after the operator
 * confirms: how it ships and, for express, each parcel's carrier and tracking number.
 * @param {DeliverOptions} options
 */
export function deliverForm({ api, order, done, carriers, reship = false }) {
  const failure = errorBox();
  const stem = reship ? 'reship' : 'deliver';
  const fields = shipmentFields({ stem, carriers });
  const submit = h('button', { type: 'submit', class: 'primary' }, reship ? 'Re-ship order' : 'Deliver order');
  const title = reship ? 'Re-ship' : 'Deliver';
  const form = h(
    'form',
    { class: 'action', 'aria-labelledby': `${stem}-title`, novalidate: true },
    h('h2', { id: `${stem}-title` }, title),
    h(
      'p',
      { class: 'hint' },
      reship
        ? 'Sent again, or the shipment was wrong: WeChat lets it change once. The new shipment replaces the first at WeChat.'
        : 'The order is paid and waits to be sent. Delivering it tells WeChat and the buyer it is on its way.',
    ),
    fields.element,
    submit,
    failure.element,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    failure.clear();
    const reading = fields.read();
    if (!reading.ok) {
      failure.show(reading.problem);
      reading.focus.focus();
      return;
    }
    const sure = await confirmAction({
      title: `${reship ? 'Re-ship' : 'Deliver'} order ${order.order_no}?`,
      lines: [reship ? 'This is the one re-shipment WeChat allows; there is no other.' : 'It becomes Delivered; this cannot be undone.', ...reading.lines],
      confirm: title,
    });
    if (!sure) return;
    submit.disabled = true;
    try {
      await api.deliver(order.id, { ...reading.body, ...(reship ? { reship: true } : {}) });
      done(reship ? `Order ${order.order_no} is re-shipped.` : `Order ${order.order_no} is delivered.`);
    } catch (error) {
      const unknown = error instanceof ApiError ? UNKNOWN_CARRIER.exec(error.detail) : null;
      if (unknown) {
        failure.show(error, `WeChat does not know the carrier “${unknown[3]}” of parcel ${Number(unknown[2]) + 1}. Choose one of WeChat’s carriers from the list.`);
        fields.fieldOf(unknown[1] ?? '')?.focus();
      } else {
        failure.show(error);
      }
      submit.disabled = false;
    }
  });
  return form;
}

/** Gives all or part of what is left back to the buyer, with a reason, after the operator confirms. @param {ActionOptions} options */
export function refundForm({ api, order, done }) {
  const left = fen(order.refundable_fee) ?? 0;
  const failure = errorBox();
  const amount = h('input', { id: 'refund-amount', name: 'refund_fee', inputmode: 'decimal', required: true, value: order.refundable_fee, 'aria-describedby': 'refund-left' });
  const reason = h('input', { id: 'refund-reason', name: 'reason', required: true, maxlength: 80 });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Refund…');
  const form = h(
    'form',
    { class: 'action', 'aria-labelledby': 'refund-title' },
    h('h2', { id: 'refund-title' }, 'Refund'),
    h('div', { class: 'field' }, h('label', { for: 'refund-amount' }, 'Amount (yuan)'), amount),
    h('p', { class: 'hint', id: 'refund-left' }, `Up to ${money(order.refundable_fee)} of ${money(order.total_price)} is left to refund.`),
    h('div', { class: 'field' }, h('label', { for: 'refund-reason' }, 'Reason'), reason),
    submit,
    failure.element,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    failure.clear();
    const wanted = fen(amount.value);
    if (wanted === null || wanted < 1 || wanted > left) {
      failure.show(`Enter an amount from 0.01 to ${yuan(left)}, in yuan (like 12.50).`);
      amount.focus();
      return;
    }
    if (!reason.value.trim()) {
      failure.show('Say why the money goes back: the buyer sees the reason.');
      reason.focus();
      return;
    }
    const sure = await confirmAction({
      title: `Refund ${money(yuan(wanted))} of order ${order.order_no}?`,
      lines: [`${wanted === left ? 'All that is left' : 'Part of the payment'} goes back to the buyer through WeChat Pay.`, `Reason: ${reason.value.trim()}`],
      confirm: 'Refund',
    });
    if (!sure) return;
    submit.disabled = true;
    try {
      const refund = await api.refund(order.id, yuan(wanted), reason.value.trim());
      done(`Refund ${refund.out_refund_no} of ${money(refund.refund_fee)} is recorded: ${refund.status === 'REFUNDED' ? 'refunded' : 'WeChat Pay is refunding it'}.`);
    } catch (error) {
      failure.show(error);
      submit.disabled = false;
    }
  });
  return form;
}
