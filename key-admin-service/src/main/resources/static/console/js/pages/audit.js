// Admins: the audit log, newest first, filtered by actor, action and time; paged.
import { call, query } from '../api.js';
import { el, field, replace, table } from '../dom.js';
import { when } from '../format.js';
import { loads, pager } from '../pager.js';
import { guarded } from '../ui.js';
import { nameOf, someUsers } from '../users-lookup.js';

const PAGE_SIZE = 50;
const ACTIONS = ['LOGIN', 'PASSWORD_CHANGED', 'USER_CREATED', 'USER_DISABLED', 'USER_ENABLED', 'USER_DELETED',
  'USER_ROLE_CHANGED', 'USER_PASSWORD_RESET', 'KEY_CREATED', 'KEY_ROTATED', 'KEY_REVOKED',
  'KEY_REVOKED_BY_ADMIN'];

export async function render(view) {
  const users = (await guarded(someUsers)) || [];
  const list = el('div', { id: 'audit-list' });
  const filters = el('form', { class: 'filters', id: 'audit-filters', 'aria-label': 'Filter the audit log' },
    field({ label: 'Actor', name: 'actor', options: [['', 'anyone'], ...users.map((u) => [u.id, u.username])] }),
    field({ label: 'Action', name: 'action', options: [['', 'any'], ...ACTIONS.map((a) => [a, a.toLowerCase().replace(/_/g, ' ')])] }),
    field({ label: 'From (local time)', name: 'from', type: 'datetime-local' }),
    field({ label: 'To (local time)', name: 'to', type: 'datetime-local' }),
    el('button', { type: 'submit' }, 'Filter'));
  const state = { page: 0, loads: loads() };
  const load = () => loadEvents(list, filters, state, users);
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    state.page = 0;
    load();
  });
  replace(view, el('h1', {}, 'Audit log'), filters, list);
  await load();
}

function instant(local) {
  return local ? new Date(local).toISOString() : '';
}

async function loadEvents(list, filters, state, users) {
  await guarded(async () => {
    const latest = state.loads.ticket();
    const result = await call('GET', `/api/admin/audit${query({
      actor_id: filters.elements.actor.value, action: filters.elements.action.value,
      from: instant(filters.elements.from.value), to: instant(filters.elements.to.value),
      page: state.page, size: PAGE_SIZE,
    })}`);
    if (!latest()) return;
    const rows = result.items.map((event) => el('tr', {},
      el('td', {}, when(event.occurred_at)),
      el('td', {}, nameOf(users, event.actor_id)),
      el('td', {}, el('code', {}, event.action)),
      el('td', {}, `${event.target_type.toLowerCase()} `, event.target_type === 'USER'
        ? nameOf(users, event.target_id) : el('code', {}, event.target_id ? `${event.target_id.slice(0, 8)}…` : '—')),
      el('td', {}, event.detail || '—'),
      el('td', {}, el('code', {}, event.request_id || '—'))));
    replace(list,
      table('Audit events', ['When', 'Actor', 'Action', 'Target', 'Detail', 'Request id'], rows,
        'Nothing recorded matches. Widen the time range or clear the filters.'),
      pager(result, (page) => { state.page = page; loadEvents(list, filters, state, users); }));
  });
}
