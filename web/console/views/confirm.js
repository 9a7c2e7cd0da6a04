import { h, newId } from '../dom.js';

/**
 * A modal question before anything irreversible. Focus starts on Cancel; Escape cancels.
 * @param {{ title: string, lines: readonly string[], confirm: string }} question
 * @returns {Promise<boolean>}
 */
export function confirmAction({ title, lines, confirm }) {
  const titleId = newId('confirm-title');
  const cancel = h('button', { type: 'button', class: 'quiet' }, 'Cancel');
  const ok = h('button', { type: 'button', class: 'primary' }, confirm);
  const dialog = h(
    'dialog',
    { class: 'confirm', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, title),
    lines.map((line) => h('p', {}, line)),
    h('div', { class: 'actions' }, cancel, ok),
  );
  const opener = document.activeElement;
  return new Promise((resolve) => {
    cancel.addEventListener('click', () => dialog.close('cancel'));
    ok.addEventListener('click', () => dialog.close('confirm'));
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      resolve(dialog.returnValue === 'confirm');
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
