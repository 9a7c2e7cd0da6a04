import { h, newId, replace } from '../dom.js';
import { LOGISTICS_TYPES } from '../format.js';

/** WeChat takes at most 15 parcels in one shipment. */
const MAX_PARCELS = 15;

/**
 * @typedef {{ code: string, name: string }} Carrier
 * @typedef {{ logistics_type: string, parcels?: { carrier_code: string, tracking_no: string }[] }} ShipmentBody
 * @typedef {{ ok: true, body: ShipmentBody, lines: string[] } | { ok: false, problem: string, focus: HTMLElement }} ShipmentReading
 */

/**
 * What a delivery tells WeChat: how it ships and, for express, each parcel's carrier and tracking
 * number. The carrier field offers WeChat's list (a datalist) but takes any code typed, so a list
 * that changed since the page loaded is the shop's to refuse, not the page's to hide.
 * @param {{ stem: string, carriers: readonly Carrier[] }} options
 */
export function shipmentFields({ stem, carriers }) {
  const listId = newId(`${stem}-carriers`);
  const type = h(
    'select',
    { id: `${stem}-logistics-type`, name: 'logistics_type', required: true },
    h('option', { value: '' }, 'Choose how it ships…'),
    LOGISTICS_TYPES.map(([value, number, label]) => h('option', { value }, `${number} · ${label}`)),
  );
  const datalist = h('datalist', { id: listId }, carriers.map((carrier) => h('option', { value: carrier.code }, carrier.name)));
  /** @type {{ carrier: HTMLInputElement, tracking: HTMLInputElement }[]} */
  const parcels = [];
  const list = h('ol', { class: 'parcels' });
  const add = h('button', { type: 'button', class: 'quiet', onclick: () => addParcel(true) }, 'Add a parcel');
  const express = h('fieldset', { class: 'parcels-set', hidden: true }, h('legend', {}, 'Parcels'), list, add);

  const render = () => {
    replace(
      list,
      parcels.map((parcel, index) => {
        const n = index + 1;
        parcel.carrier.setAttribute('aria-label', `Carrier of parcel ${n}`);
        parcel.tracking.setAttribute('aria-label', `Tracking number of parcel ${n}`);
        const remove = parcels.length > 1 && h('button', { type: 'button', class: 'quiet', onclick: () => removeParcel(index) }, `Remove parcel ${n}`);
        return h('li', { class: 'parcel' }, h('span', { class: 'parcel-no' }, `Parcel ${n}`), parcel.carrier, parcel.tracking, remove);
      }),
    );
    add.disabled = parcels.length >= MAX_PARCELS;
  };
  /** @param {boolean} focus */
  const addParcel = (focus) => {
    const carrier = h('input', { list: listId, maxlength: 32, autocomplete: 'off', placeholder: 'Carrier code, like SF' });
    const tracking = h('input', { maxlength: 128, autocomplete: 'off', placeholder: 'Tracking number' });
    parcels.push({ carrier, tracking });
    render();
    if (focus) carrier.focus();
  };
  /** @param {number} index */
  const removeParcel = (index) => {
    parcels.splice(index, 1);
    render();
    parcels[Math.min(index, parcels.length - 1)]?.carrier.focus();
  };
  addParcel(false);
  type.addEventListener('change', () => {
    express.hidden = type.value !== 'express';
  });

  const element = h(
    'div',
    { class: 'shipment-fields' },
    h('div', { class: 'field' }, h('label', { for: type.id }, 'How it ships'), type),
    express,
    datalist,
  );

  /** @type {() => ShipmentReading} */
  const read = () => {
    if (!type.value) return { ok: false, problem: 'Choose how the order ships.', focus: type };
    if (type.value !== 'express') return { ok: true, body: { logistics_type: type.value }, lines: [`Ships as: ${type.selectedOptions[0]?.textContent ?? type.value}`] };
    const body = [];
    for (const [index, parcel] of parcels.entries()) {
      const carrierCode = parcel.carrier.value.trim();
      const trackingNo = parcel.tracking.value.trim();
      if (!carrierCode) return { ok: false, problem: `Choose the carrier of parcel ${index + 1}.`, focus: parcel.carrier };
      if (!trackingNo) return { ok: false, problem: `Enter the tracking number of parcel ${index + 1}.`, focus: parcel.tracking };
      body.push({ carrier_code: carrierCode, tracking_no: trackingNo });
    }
    const nameOf = (/** @type {string} */ code) => carriers.find((carrier) => carrier.code === code)?.name ?? code;
    const lines = body.map((parcel, index) => `Parcel ${index + 1}: ${nameOf(parcel.carrier_code)} (${parcel.carrier_code}) ${parcel.tracking_no}`);
    return { ok: true, body: { logistics_type: 'express', parcels: body }, lines: ['Ships as: express', ...lines] };
  };

  /** The field a refusal names (`parcels[1].carrier_code`), to put the operator back on it. @param {string} path */
  const fieldOf = (path) => {
    const match = /^parcels\[(\d+)\]\.(carrier_code|tracking_no)$/.exec(path);
    const parcel = match ? parcels[Number(match[1])] : undefined;
    if (!match || !parcel) return null;
    return match[2] === 'carrier_code' ? parcel.carrier : parcel.tracking;
  };

  return { element, read, fieldOf };
}
