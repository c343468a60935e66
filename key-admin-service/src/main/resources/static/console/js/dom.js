// Builds elements from data. Text is always a text node (never parsed as HTML), so whatever a user
// typed is shown as typed. This file and its callers never use innerHTML.

/**
 * el('button', {type: 'button', onclick: f}, 'Save'): attributes are set with setAttribute, keys that
 * start with "on" become event listeners, children are nodes or strings (made text nodes); null and
 * false children are skipped.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of node. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

let ids = 0;

/** A labelled form field: {label, name, type, ...input attributes} or {label, name, options: [[value, text]]}. */
export function field({ label, options, ...attrs }) {
  const id = `f${++ids}`;
  const control = options
    ? el('select', { id, ...attrs }, options.map(([value, text]) => el('option', { value }, text)))
    : el('input', { id, ...attrs });
  return el('div', { class: 'field' }, el('label', { for: id }, label), control);
}

/** A table with a header row, or the empty message when there are no rows. */
export function table(caption, headers, rows, emptyMessage) {
  if (rows.length === 0) return el('p', { class: 'empty' }, emptyMessage);
  return el('div', { class: 'table-wrap' },
    el('table', {},
      el('caption', { class: 'sr-only' }, caption),
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows)));
}
