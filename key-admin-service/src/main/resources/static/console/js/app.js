// The console's entry point: which page shows, the navigation, and what happens when a session ends.
import * as dialogs from './dialogs.js';
import { replace } from './dom.js';
import * as allKeys from './pages/all-keys.js';
import * as audit from './pages/audit.js';
import * as keys from './pages/keys.js';
import * as login from './pages/login.js';
import * as users from './pages/users.js';
import * as session from './session.js';
import { clearMessages, notice } from './ui.js';

const PAGES = { keys, users, 'all-keys': allKeys, audit };
const view = document.getElementById('view');
const nav = document.getElementById('nav');
const logout = document.getElementById('logout');
const who = document.getElementById('who');

/** Shows a page; params go to it (e.g. the user whose keys to list). */
export function show(name, params = {}) {
  const page = session.isAdmin() || name === 'keys' ? name : 'keys';
  for (const button of nav.querySelectorAll('button')) {
    if (button.dataset.page === page) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
  clearMessages();
  document.title = `${nav.querySelector(`[data-page="${page}"]`).textContent} · API key console`;
  PAGES[page].render(view, params, show);
  document.getElementById('main').focus({ preventScroll: true });
}

function loggedIn() {
  const current = session.get();
  nav.hidden = false;
  logout.hidden = false;
  for (const button of nav.querySelectorAll('[data-admin]')) button.hidden = !session.isAdmin();
  replace(who, `${current.username} (${current.role === 'ADMIN' ? 'admin' : 'user'})`);
  show('keys');
}

function loggedOut(message) {
  for (const dialog of document.querySelectorAll('dialog[open]')) dialog.close();
  nav.hidden = true;
  logout.hidden = true;
  replace(who);
  document.title = 'Log in · API key console';
  login.render(view, loggedIn);
  if (message) notice(message);
}

dialogs.install();
nav.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-page]');
  if (button) show(button.dataset.page);
});
logout.addEventListener('click', () => session.end('You have logged out.'));
session.onEnd(loggedOut);
loggedOut(null);
