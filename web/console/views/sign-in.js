import { h } from '../dom.js';
import { errorBox } from './feedback.js';

/**
 * @param {{
 *   api: import('../api.js').Api,
 *   appId: string,
 *   notice: string | null,
 *   onSignedIn: (token: string, appId: string) => void,
 * }} options
 */
export function signInView({ api, appId, notice, onSignedIn }) {
  const app = h('input', { id: 'app-id', name: 'app-id', autocomplete: 'username', required: true, maxlength: 64, spellcheck: 'false', value: appId });
  const secret = h('input', { id: 'secret', name: 'secret', type: 'password', autocomplete: 'current-password', required: true, maxlength: 128 });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const failure = errorBox();
  const form = h(
    'form',
    { class: 'panel sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title', tabindex: '-1' }, 'Sign in to the weshop console'),
    notice && h('p', { class: 'message notice', role: 'status' }, notice),
    h('p', { class: 'hint' }, 'Use the app id and secret of an operator app (scope super), e.g. weshop-admin.'),
    h('div', { class: 'field' }, h('label', { for: 'app-id' }, 'App id'), app),
    h('div', { class: 'field' }, h('label', { for: 'secret' }, 'Secret'), secret),
    submit,
    failure.element,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = app.value.trim();
    if (!id || !secret.value) return;
    submit.disabled = true;
    failure.clear();
    try {
      const { token } = await api.signIn(id, secret.value);
      onSignedIn(token, id);
    } catch (error) {
      failure.show(error);
      secret.value = '';
      secret.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return { element: form, focus: () => (appId ? secret : app).focus() };
}
