import { h } from '../dom.js';
import { fen, money, yuan } from '../format.js';
import { confirmAction } from './confirm.js';
import { errorBox } from './feedback.js';

/**
 * What the delivery form asks besides the order: nothing yet. When `PUT order/delivery` takes a
 * carrier and a tracking number, each becomes an entry here ({ name: 'carrier', label: 'Carrier',
 * required: true }) and is sent under its name.
 * @type {readonly { name: string, label: string, required: boolean, maxlength: number }[]}
 */
export const SHIPMENT_FIELDS = [];

/**
 * @typedef {{ id: number, order_no: string, total_price: string, refundable_fee: string }} ActionableOrder
 * @typedef {{ api: import('../api.js').Api, order: ActionableOrder, done: (message: string) => void }} ActionOptions
 */

/** Marks a paid order delivered, after the operator confirms. @param {ActionOptions} options */
export function deliverForm({ api, order, done }) {
  const failure = errorBox();
  const fields = SHIPMENT_FIELDS.map((field) => ({
    field,
    input: h('input', { id: `shipment-${field.name}`, name: field.name, required: field.required, maxlength: field.maxlength }),
  }));
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Deliver order');
  const form = h(
    'form',
    { class: 'action', 'aria-labelledby': 'deliver-title' },
    h('h2', { id: 'deliver-title' }, 'Deliver'),
    h('p', { class: 'hint' }, 'The order is paid and waits to be sent. Delivering it tells the buyer it is on its way.'),
    fields.map(({ field, input }) => h('div', { class: 'field' }, h('label', { for: input.id }, field.label), input)),
    submit,
    failure.element,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    failure.clear();
    const shipment = Object.fromEntries(fields.map(({ field, input }) => [field.name, input.value.trim()]));
    const sure = await confirmAction({
      title: `Deliver order ${order.order_no}?`,
      lines: ['It becomes Delivered; this cannot be undone.', ...fields.map(({ field }) => `${field.label}: ${shipment[field.name]}`)],
      confirm: 'Deliver',
    });
    if (!sure) return;
    submit.disabled = true;
    try {
      await api.deliver(order.id, shipment);
      done(`Order ${order.order_no} is delivered.`);
    } catch (error) {
      failure.show(error);
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
