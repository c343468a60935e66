// The page's shared message areas.
import { el, replace } from './dom.js';

/** Shows an API error as its detail with the request id to quote, or any other error's message. */
export function showError(error) {
  const box = document.getElementById('error');
  const parts = [el('span', { class: 'detail' }, error.message || String(error))];
  if (error.requestId) {
    parts.push(' ', el('span', { class: 'request-id' }, 'Request id: ', el('code', {}, error.requestId)));
  }
  replace(box, parts);
  box.scrollIntoView({ block: 'nearest' });
}

export function notice(message) {
  clearMessages();
  replace(document.getElementById('notice'), message);
}

export function clearMessages() {
  replace(document.getElementById('error'));
  replace(document.getElementById('notice'));
}

/** Runs an action, showing its failure instead of leaving the page half-done. */
export async function guarded(action) {
  try {
    return await action();
  } catch (error) {
    showError(error);
    return undefined;
  }
}
