// Previous/next for a paged listing ({items, page, size, total}).
import { el } from './dom.js';

export function pager(result, go) {
  const pages = Math.max(1, Math.ceil(result.total / result.size));
  return el('div', { class: 'pager' },
    el('button', { type: 'button', disabled: result.page === 0, onclick: () => go(result.page - 1) }, 'Previous'),
    el('span', {}, `Page ${result.page + 1} of ${pages} (${result.total} in all)`),
    el('button', { type: 'button', disabled: result.page + 1 >= pages, onclick: () => go(result.page + 1) }, 'Next'));
}
