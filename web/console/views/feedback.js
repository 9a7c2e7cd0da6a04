import { h, replace } from '../dom.js';
import { explain } from '../messages.js';

/** An alert that says what failed, in a sentence and then in the shop's own words. */
export function errorBox() {
  const box = h('div', { class: 'message error', role: 'alert', hidden: true });
  return {
    element: box,
    /**
     * @param {unknown} error a failed call, or a sentence of the console's own
     * @param {string} [sentence] what to say instead of the usual sentence for the call's code
     */
    show(error, sentence) {
      const { text, detail } = typeof error === 'string' ? { text: error, detail: '' } : explain(error);
      replace(box, h('p', {}, sentence ?? text), detail && h('p', { class: 'detail' }, detail));
      box.hidden = false;
    },
    clear() {
      replace(box);
      box.hidden = true;
    },
  };
}

/** A polite live region for answers: "Order … delivered." */
export function statusBox() {
  const box = h('div', { class: 'message success', role: 'status', hidden: true });
  return {
    element: box,
    /** @param {string} text */
    show(text) {
      replace(box, h('p', {}, text));
      box.hidden = false;
    },
    clear() {
      replace(box);
      box.hidden = true;
    },
  };
}
