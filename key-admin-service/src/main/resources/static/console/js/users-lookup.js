// User names for ids, for admin pages that list other people's keys and actions.
import { call } from './api.js';

/** Up to the first 200 users (newest first) as [{id, username}]; deleted users are not among them. */
export async function someUsers() {
  const result = await call('GET', '/api/admin/users?size=200');
  return result.items.map((user) => ({ id: user.id, username: user.username }));
}

export function nameOf(users, id) {
  if (!id) return '—';
  const user = users.find((candidate) => candidate.id === id);
  return user ? user.username : `${id.slice(0, 8)}…`; // deleted, or beyond the first 200
}
