// A table of keys, shared by "My keys" and "All keys". Fields the page does not know (scopes, limits,
// usage, whatever the API adds) get a column of their own, so new key properties show up without a
// change here.
import { el, table } from './dom.js';
import { heading, plain, when } from './format.js';

const KNOWN = new Set(['id', 'user_id', 'display_prefix', 'description', 'created_at', 'last_used',
  'expires_at', 'revoked', 'revoked_at', 'status', 'replaced_by', 'rotated_from']);

/** A status badge: active, expired or revoked. */
export function badge(status) {
  const name = String(status || '').toLowerCase();
  return el('span', { class: `badge ${name}` }, name || 'unknown');
}

/** The name a key is called by in confirmations: its prefix and description. */
export function keyName(key) {
  return key.description ? `${key.display_prefix}… (“${key.description}”)` : `${key.display_prefix}…`;
}

/**
 * keys: the API's key objects. options.owner(key) gives an owner cell (All keys), options.actions(key)
 * the action buttons; options.empty the message when there are none.
 */
export function keyTable(keys, options) {
  const extras = [...new Set(keys.flatMap((key) => Object.keys(key).filter((name) => !KNOWN.has(name))))];
  const headers = [
    ...(options.owner ? ['Owner'] : []),
    'Key', 'Description', 'Status', 'Created', 'Last used', 'Expires',
    ...extras.map(heading), 'Actions'];
  const rows = keys.map((key) => el('tr', { 'data-key-id': key.id, 'data-prefix': key.display_prefix },
    options.owner ? el('td', {}, options.owner(key)) : null,
    el('td', {}, el('code', {}, `${key.display_prefix}…`)),
    el('td', { class: 'description' }, key.description || '—'),
    el('td', { class: 'status' }, badge(key.status), statusNote(key)),
    el('td', {}, when(key.created_at)),
    el('td', {}, key.last_used ? when(key.last_used) : 'never'),
    el('td', { class: 'expires' }, key.expires_at ? when(key.expires_at) : 'never'),
    extras.map((name) => el('td', { 'data-field': name }, plain(key[name]))),
    el('td', {}, el('div', { class: 'row-actions' }, options.actions(key)))));
  return table(options.caption, headers, rows, options.empty);
}

function statusNote(key) {
  if (key.status === 'REVOKED' && key.revoked_at) return el('span', { class: 'note' }, `revoked ${when(key.revoked_at)}`);
  if (key.replaced_by && key.status === 'ACTIVE') {
    return el('span', { class: 'note' }, `rotated: works until ${when(key.expires_at)}`);
  }
  if (key.replaced_by) return el('span', { class: 'note' }, 'rotated');
  return null;
}
