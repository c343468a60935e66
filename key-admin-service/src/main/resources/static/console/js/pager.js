// Previous/next for a paged listing ({items, page, size, total}).
import { el } from './dom.js';

export function pager(result, go) {
  const pages = Math.max(1, Math.ceil(result.total / result.size));
  return el('div', { class: 'pager' },
    el('button', { type: 'button', disabled: result.page === 0, onclick: () => go(result.page - 1) }, 'Previous'),
    el('span', {}, `Page ${result.page + 1} of ${pages} (${result.total} in all)`),
    el('button', { type: 'button', disabled: result.page + 1 >= pages, onclick: () => go(result.page + 1) }, 'Next'));
}

/**
 * A counter of a listing's loads: ticket() returns a check that holds only while no later load has
 * started, so that an older, slower answer never replaces a newer one (a filter applied while the
 * page's first load is still on its way).
 */
export function loads() {
  let latest = 0;
  return {
    ticket() {
      const mine = ++latest;
      return () => mine === latest;
    },
  };
}
