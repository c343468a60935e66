// Admins: every key, filtered by owner and status, found by display prefix; revoke any.
import { call, query } from '../api.js';
import { confirm } from '../dialogs.js';
import { el, field, replace } from '../dom.js';
import { keyName, keyTable } from '../keytable.js';
import { loads, pager } from '../pager.js';
import { clearMessages, guarded, notice } from '../ui.js';
import { nameOf, someUsers } from '../users-lookup.js';

const PAGE_SIZE = 25;

export async function render(view, params) {
  const users = (await guarded(someUsers)) || [];
  const list = el('div', { id: 'all-keys-list' });
  const filters = el('form', { class: 'filters', id: 'key-filters', 'aria-label': 'Filter keys' },
    field({ label: 'Owner', name: 'user', options: [['', 'anyone'], ...users.map((u) => [u.id, u.username])] }),
    field({ label: 'Status', name: 'status',
      options: [['', 'any'], ['active', 'active'], ['expired', 'expired'], ['revoked', 'revoked']] }),
    field({ label: 'Key starts with', name: 'prefix', maxlength: 64, placeholder: 'display prefix', spellcheck: 'false' }),
    el('button', { type: 'submit' }, 'Find keys'));
  if (params.userId) filters.elements.user.value = params.userId;
  const state = { page: 0, loads: loads() };
  const load = () => loadKeys(list, filters, state, users);
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    state.page = 0;
    load();
  });
  replace(view, el('h1', {}, 'All keys'), filters, list);
  await load();
}

async function loadKeys(list, filters, state, users) {
  await guarded(async () => {
    const latest = state.loads.ticket();
    const result = await call('GET', `/api/admin/apikeys${query({
      user_id: filters.elements.user.value, status: filters.elements.status.value,
      prefix: displayPrefix(filters.elements.prefix.value), page: state.page, size: PAGE_SIZE,
    })}`);
    if (!latest()) return;
    const reload = () => loadKeys(list, filters, state, users);
    replace(list,
      keyTable(result.items, {
        caption: 'All API keys',
        owner: (key) => nameOf(users, key.user_id),
        empty: 'No key matches. Clear the filters or check the prefix; a user creates keys under My keys.',
        actions: (key) => (key.status === 'REVOKED' ? [] : [
          el('button', { type: 'button', 'data-action': 'revoke', onclick: () => revoke(key, nameOf(users, key.user_id), reload) },
            'Revoke'),
        ]),
      }),
      result.total > result.size ? pager(result, (page) => { state.page = page; reload(); }) : null);
  });
}

/**
 * At most a display prefix (type, "_", 6 characters) of what was typed: someone who pastes a whole key
 * searches by its prefix, and the rest of the key never leaves the page.
 */
function displayPrefix(typed) {
  const text = typed.trim().replace(/…$/, '');
  const match = /^[A-Za-z0-9]+_[A-Za-z0-9]{0,6}/.exec(text);
  return match ? match[0] : text.slice(0, 32);
}

async function revoke(key, owner, reload) {
  const ok = await confirm('Revoke key',
    `Revoke ${owner}'s key ${keyName(key)}? Every call with it is refused within about a second. This cannot be undone.`,
    'Revoke');
  if (!ok) return;
  await guarded(async () => {
    clearMessages();
    await call('DELETE', `/api/admin/apikeys/${encodeURIComponent(key.id)}`);
    await reload();
    notice(`${owner}'s key ${key.display_prefix}… revoked.`);
  });
}
