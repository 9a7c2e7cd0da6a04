/** The operator's token, for this tab only: sessionStorage ends with the tab and is never sent by itself. */

const TOKEN = 'weshop.console.token';
const APP_ID = 'weshop.console.app';

/** @returns {string | null} */
export function token() {
  return sessionStorage.getItem(TOKEN);
}

/** @returns {string} */
export function appId() {
  return sessionStorage.getItem(APP_ID) ?? '';
}

/** @param {string} newToken @param {string} app */
export function start(newToken, app) {
  sessionStorage.setItem(TOKEN, newToken);
  sessionStorage.setItem(APP_ID, app);
}

/** Forgets the token; the app id stays, to fill in the next sign-in. */
export function end() {
  sessionStorage.removeItem(TOKEN);
}
