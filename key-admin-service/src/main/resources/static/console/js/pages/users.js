// Admins: list, filter and create users; disable, enable, change role, reset password, delete.
import { call, query } from '../api.js';
import { confirm } from '../dialogs.js';
import { el, field, replace, table } from '../dom.js';
import { when } from '../format.js';
import { loads, pager } from '../pager.js';
import * as session from '../session.js';
import { clearMessages, guarded, notice } from '../ui.js';

const PAGE_SIZE = 25;

export async function render(view, params, show) {
  const list = el('div', { id: 'users-list' });
  const filters = el('form', { class: 'filters', id: 'user-filters', 'aria-label': 'Filter users' },
    field({ label: 'Name contains', name: 'name', pattern: '[A-Za-z0-9._\\-]{1,64}' }),
    field({ label: 'Role', name: 'role', options: [['', 'any'], ['USER', 'user'], ['ADMIN', 'admin']] }),
    field({ label: 'Status', name: 'status', options: [['', 'any'], ['active', 'active'], ['disabled', 'disabled']] }),
    el('button', { type: 'submit' }, 'Filter'));
  const state = { page: 0, loads: loads() };
  const load = () => loadUsers(list, filters, state, show);
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    state.page = 0;
    load();
  });
  replace(view, el('h1', {}, 'Users'), createForm(load), el('h2', {}, 'All users'), filters, list);
  await load();
}

function createForm(reload) {
  const form = el('form', { class: 'inline', id: 'create-user-form', 'aria-label': 'Create a user' },
    field({ label: 'User name', name: 'username', required: true, pattern: '[A-Za-z0-9._\\-]{3,64}', autocomplete: 'off' }),
    field({ label: 'Password (12-72 characters)', name: 'password', type: 'password', required: true,
      minlength: 12, maxlength: 72, autocomplete: 'new-password' }),
    field({ label: 'Role', name: 'role', options: [['USER', 'user'], ['ADMIN', 'admin']] }),
    el('button', { type: 'submit', class: 'primary' }, 'Create user'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(async () => {
      clearMessages();
      const created = await call('POST', '/api/admin/users', {
        username: form.elements.username.value, password: form.elements.password.value, role: form.elements.role.value,
      });
      form.reset();
      await reload();
      notice(`User ${created.username} created.`);
    });
  });
  return form;
}

async function loadUsers(list, filters, state, show) {
  await guarded(async () => {
    const latest = state.loads.ticket();
    const result = await call('GET', `/api/admin/users${query({
      name: filters.elements.name.value.trim(), role: filters.elements.role.value,
      status: filters.elements.status.value, page: state.page, size: PAGE_SIZE,
    })}`);
    if (!latest()) return;
    const reload = () => loadUsers(list, filters, state, show);
    const rows = result.items.map((user) => el('tr', { 'data-username': user.username },
      el('td', {}, user.username),
      el('td', {}, user.role === 'ADMIN' ? 'admin' : 'user'),
      el('td', {}, el('span', { class: `badge ${user.status}` }, user.status)),
      el('td', {}, when(user.created_at)),
      el('td', {}, el('div', { class: 'row-actions' }, actions(user, reload, show)))));
    replace(list,
      table('Users', ['User name', 'Role', 'Status', 'Created', 'Actions'], rows,
        'No user matches. Clear the filters, or create a user above.'),
      result.total > result.size ? pager(result, (page) => { state.page = page; reload(); }) : null);
  });
}

function actions(user, reload, show) {
  const self = user.id === session.get().userId;
  const act = (label, run) => el('button', { type: 'button', 'data-action': label.toLowerCase(), onclick: run }, label);
  return [
    act('Keys', () => show('all-keys', { userId: user.id })),
    self ? null : act(user.enabled ? 'Disable' : 'Enable', () => change(
      user.enabled ? 'Disable user' : 'Enable user',
      user.enabled
        ? `Disable ${user.username}? They can no longer log in, and their keys and tokens are refused at once.`
        : `Enable ${user.username}? They can log in again.`,
      user.enabled ? 'Disable' : 'Enable',
      () => call('POST', `/api/admin/users/${user.id}/${user.enabled ? 'disable' : 'enable'}`),
      `${user.username} ${user.enabled ? 'disabled' : 'enabled'}.`, reload)),
    self ? null : act(user.role === 'ADMIN' ? 'Make user' : 'Make admin', () => change(
      'Change role', `Make ${user.username} ${user.role === 'ADMIN' ? 'a user' : 'an admin'}? Their current tokens stop working.`,
      'Change role',
      () => call('PUT', `/api/admin/users/${user.id}/role`, { role: user.role === 'ADMIN' ? 'USER' : 'ADMIN' }),
      `${user.username}'s role changed.`, reload)),
    act('Reset password', () => resetPassword(user, reload)),
    self ? null : act('Delete', () => change('Delete user',
      `Delete ${user.username}? All of their keys are revoked and they can no longer log in. This cannot be undone.`,
      'Delete', () => call('DELETE', `/api/admin/users/${user.id}`), `${user.username} deleted.`, reload)),
  ];
}

async function change(title, text, okLabel, request, done, reload) {
  if (!(await confirm(title, text, okLabel))) return;
  await guarded(async () => {
    clearMessages();
    await request();
    await reload();
    notice(done);
  });
}

async function resetPassword(user, reload) {
  const password = field({ label: 'New password (12-72 characters)', name: 'new-password', type: 'password',
    required: true, minlength: 12, maxlength: 72, autocomplete: 'new-password' });
  const ok = await confirm('Reset password',
    `Set a new password for ${user.username}? Their current tokens stop working.`, 'Reset password', [password]);
  const input = password.querySelector('input');
  const value = input.value;
  input.value = '';
  if (!ok) return;
  await guarded(async () => {
    clearMessages();
    await call('POST', `/api/admin/users/${user.id}/password`, { password: value });
    await reload();
    notice(`${user.username}'s password was reset.`);
  });
}
