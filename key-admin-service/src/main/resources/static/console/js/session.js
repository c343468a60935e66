// The session: the access token lives in this module's memory only. It is never written to
// localStorage, sessionStorage, a cookie or the URL, so no other page and no later visitor can read
// it, and the browser never attaches it by itself (which is why cross-site request forgery has nothing
// to ride on). Reloading the page forgets it: the user logs in again.

let current = null;
let timer = null;
const listeners = [];

/** Called with a message whenever the session ends (logout, expiry, a refused token). */
export function onEnd(listener) {
  listeners.push(listener);
}

export function start(accessToken, expiresInSeconds, username) {
  const claims = decode(accessToken);
  current = {
    token: accessToken,
    username,
    userId: claims.sub,
    role: claims.role,
    expiresAt: Date.now() + expiresInSeconds * 1000,
  };
  clearTimeout(timer);
  timer = setTimeout(
    () => end('Your session has ended: the access token expired. Log in again to continue.'),
    Math.min(expiresInSeconds * 1000, 2 ** 31 - 1)); // setTimeout's longest wait, about 24 days
}

export function get() {
  return current;
}

export function isAdmin() {
  return current !== null && current.role === 'ADMIN';
}

export function end(message) {
  if (current === null) return;
  current = null;
  clearTimeout(timer);
  for (const listener of listeners) listener(message);
}

// Only to read who is logged in for display; the server verifies every request itself.
function decode(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload));
  } catch {
    return {};
  }
}
