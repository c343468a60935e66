// Log in: username and password for an access token, kept in memory only.
import { call } from '../api.js';
import { el, field, replace } from '../dom.js';
import * as session from '../session.js';
import { guarded } from '../ui.js';

export function render(view, onLoggedIn) {
  const username = field({ label: 'User name', name: 'username', autocomplete: 'username', required: true });
  const password = field({
    label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password', required: true,
  });
  const form = el('form', { class: 'login', id: 'login-form', 'aria-labelledby': 'login-title' },
    el('h1', { id: 'login-title' }, 'Log in'),
    username, password,
    el('button', { type: 'submit', class: 'primary' }, 'Log in'),
    el('p', { class: 'note' }, 'Your session lasts as long as your access token, and ends when you reload this page.'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = form.elements.username.value;
    guarded(async () => {
      const token = await call('POST', '/api/auth/login', { username: name, password: form.elements.password.value });
      form.elements.password.value = '';
      session.start(token.access_token, token.expires_in, name);
      onLoggedIn();
    });
  });
  replace(view, form);
  form.elements.username.focus();
}
