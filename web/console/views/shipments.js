import { h } from '../dom.js';
import { logisticsType, messageState, uploadState } from '../format.js';

/**
 * @typedef {{ state: string, error_code: string | null, reason: string | null, tries: number, update_time: string }} Work
 * @typedef {{ seq: number, logistics_type: string | null, parcels: { carrier_code: string, tracking_no: string }[],
 *             ship_time: string, upload: Work | null, message: Work | null }} ShipmentAnswer
 * @typedef {{ remind_shipping: boolean, remind_count: number, remind_time: string | null, confirm_receive_time: string | null,
 *             confirm_receive_method: number | null, settlement_time: string | null }} TradeAnswer
 * @typedef {{ shipments: ShipmentAnswer[], trade: TradeAnswer | null }} DeliveredOrder
 */

/** @param {[string, import('../dom.js').Child][]} rows */
function facts(rows) {
  return h('dl', { class: 'facts' }, rows.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));
}

/** A piece of work for WeChat: its state, and WeChat's code and reason when it failed. @param {Work} work @param {string} label */
function workState(work, label) {
  const failed = work.error_code || work.reason;
  return h(
    'span',
    {},
    h('span', { class: `badge work-${work.state}` }, label),
    failed && h('span', { class: 'block' }, `${work.error_code ?? ''}${work.error_code && work.reason ? ': ' : ''}${work.reason ?? ''}`),
    h('span', { class: 'block muted' }, `${work.tries} ${work.tries === 1 ? 'try' : 'tries'}, last ${work.update_time}`),
  );
}

/** @param {ShipmentAnswer} shipment @param {(code: string) => string} carrierName */
function shipmentCard(shipment, carrierName) {
  const title = shipment.seq === 1 ? 'Shipment 1: the delivery' : `Shipment ${shipment.seq}: the re-shipment`;
  const id = `shipment-${shipment.seq}`;
  const parcels =
    shipment.parcels.length === 0
      ? null
      : h(
          'table',
          { class: 'list' },
          h('caption', {}, `Parcels of shipment ${shipment.seq}`),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Parcel'), h('th', { scope: 'col' }, 'Carrier'), h('th', { scope: 'col' }, 'Tracking number'))),
          h(
            'tbody',
            {},
            shipment.parcels.map((parcel, index) =>
              h(
                'tr',
                {},
                h('td', { 'data-label': 'Parcel' }, String(index + 1)),
                h('td', { 'data-label': 'Carrier' }, `${carrierName(parcel.carrier_code)} (${parcel.carrier_code})`),
                h('td', { 'data-label': 'Tracking number' }, parcel.tracking_no),
              ),
            ),
          ),
        );
  return h(
    'article',
    { class: 'shipment', 'aria-labelledby': id },
    h('h3', { id }, title),
    facts([
      ['Shipped', shipment.ship_time],
      ['How it ships', logisticsType(shipment.logistics_type)],
      ['Upload to WeChat', shipment.upload ? workState(shipment.upload, uploadState(shipment.upload.state)) : 'Nothing to upload'],
      ['Buyer’s message', shipment.message ? workState(shipment.message, messageState(shipment.message.state)) : 'None: the buyer allowed no message'],
    ]),
    parcels,
  );
}

/** What WeChat's shipping management pushed about the order. @param {TradeAnswer | null} trade */
function tradeFacts(trade) {
  if (!trade) return h('p', { class: 'muted' }, 'WeChat has pushed nothing about this order.');
  const METHODS = { 1: 'by the buyer', 2: 'automatically' };
  const confirmed = trade.confirm_receive_time
    ? `${trade.confirm_receive_time}${trade.confirm_receive_method ? ` (${METHODS[/** @type {1 | 2} */ (trade.confirm_receive_method)] ?? `method ${trade.confirm_receive_method}`})` : ''}`
    : 'Not yet';
  return facts([
    ['Reminded to ship', trade.remind_shipping ? `Yes, ${trade.remind_count} ${trade.remind_count === 1 ? 'time' : 'times'}, last ${trade.remind_time ?? ''}` : 'No'],
    ['Receipt confirmed', confirmed],
    ['Settled', trade.settlement_time ?? 'Not yet'],
  ]);
}

/** @param {boolean | null | undefined} managed */
export function tradeManagedText(managed) {
  if (managed === true) return 'WeChat’s shipping management covers this mini-program: each shipment must be uploaded.';
  if (managed === false) return 'WeChat’s shipping management does not cover this mini-program: nothing needs uploading.';
  return 'Whether WeChat’s shipping management covers this mini-program is not known right now.';
}

/**
 * The order's shipments (the delivery and the one re-shipment), where each stands at WeChat and
 * with the buyer, and what WeChat pushed about the order.
 * @param {{ order: DeliveredOrder, carriers: readonly { code: string, name: string }[], managed: boolean | null | undefined }} options
 */
export function shipmentsSection({ order, carriers, managed }) {
  const carrierName = (/** @type {string} */ code) => carriers.find((carrier) => carrier.code === code)?.name ?? code;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'section-shipments' },
    h('h2', { id: 'section-shipments' }, 'Shipments'),
    h('p', { class: 'hint' }, tradeManagedText(managed)),
    order.shipments.length === 0 ? h('p', { class: 'muted' }, 'Not shipped yet.') : order.shipments.map((shipment) => shipmentCard(shipment, carrierName)),
    h('h3', {}, 'What WeChat pushed'),
    tradeFacts(order.trade),
  );
}
