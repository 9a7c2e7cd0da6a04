import { createApi } from './api.js';
import { h, replace } from './dom.js';
import { ordersHash, parseRoute } from './routes.js';
import * as session from './session.js';
import { orderView } from './views/order.js';
import { ordersView } from './views/orders.js';
import { signInView } from './views/sign-in.js';

const root = /** @type {HTMLElement} */ (document.getElementById('app'));

/** The list the operator last looked at, for the detail's way back. */
let lastList = '#/orders';

const api = createApi({
  token: session.token,
  // The token expired (or the shop forgot it): sign in again, and come back to the same page.
  onExpired: () => {
    session.end();
    showSignIn('Your session has expired. Sign in again to go on where you were.');
  },
});

/** @param {string | null} notice */
function showSignIn(notice) {
  const view = signInView({
    api,
    appId: session.appId(),
    notice,
    onSignedIn: (token, appId) => {
      session.start(token, appId);
      render();
    },
  });
  replace(root, h('main', { id: 'view', class: 'signed-out' }, view.element));
  view.focus();
}

function signOut() {
  session.end();
  showSignIn('You have signed out.');
}

/** The page the hash names, inside the signed-in frame. */
function render() {
  if (!session.token()) {
    showSignIn(null);
    return;
  }
  const route = parseRoute(location.hash);
  const main = h('main', { id: 'view', tabindex: '-1' });
  replace(
    root,
    h(
      'header',
      { class: 'bar' },
      h('a', { class: 'brand', href: lastList }, 'weshop console'),
      h('p', { class: 'who' }, `Signed in as ${session.appId()}`),
      h('button', { type: 'button', class: 'quiet', onclick: signOut }, 'Sign out'),
    ),
    main,
  );
  const navigate = (/** @type {string} */ hash) => {
    if (location.hash === hash) render();
    else location.hash = hash;
  };
  if (route.name === 'order') {
    main.append(orderView({ api, id: route.id, back: lastList }));
  } else {
    lastList = ordersHash(route);
    main.append(ordersView({ api, route, navigate }));
  }
  main.querySelector('h1')?.focus();
}

window.addEventListener('hashchange', render);
render();
