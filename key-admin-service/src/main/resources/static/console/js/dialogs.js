// The two dialogs: the new key (shown once) and confirmations.
import { replace } from './dom.js';

let shownKey = null;

/** Shows a new key once; closing the dialog clears it from the page and from memory. */
export function showNewKey(keyValue, context) {
  const dialog = document.getElementById('key-dialog');
  const input = document.getElementById('key-dialog-value');
  shownKey = keyValue;
  input.value = keyValue;
  replace(document.getElementById('key-dialog-context'), context);
  replace(document.getElementById('key-dialog-copied'));
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      input.value = '';
      shownKey = null;
      replace(document.getElementById('key-dialog-context'));
      resolve();
    }, { once: true });
    dialog.showModal();
    input.focus();
    input.select();
  });
}

async function copyKey() {
  const copied = document.getElementById('key-dialog-copied');
  if (shownKey === null) return;
  try {
    await navigator.clipboard.writeText(shownKey);
    replace(copied, 'Copied to the clipboard.');
  } catch {
    // Where the clipboard API is refused, copy the selected text the older way.
    const input = document.getElementById('key-dialog-value');
    input.select();
    const ok = document.execCommand('copy');
    replace(copied, ok ? 'Copied to the clipboard.' : 'Copying was refused: select the key and copy it yourself.');
  }
}

/**
 * Asks to confirm; resolves true or false. fields (optional) are extra form fields shown in the
 * dialog, read by the caller after a true answer.
 */
export function confirm(title, text, okLabel, fields = []) {
  const dialog = document.getElementById('confirm-dialog');
  replace(document.getElementById('confirm-dialog-title'), title);
  replace(document.getElementById('confirm-dialog-text'), text);
  replace(document.getElementById('confirm-dialog-fields'), fields);
  replace(document.getElementById('confirm-dialog-ok'), okLabel);
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.showModal();
    const first = dialog.querySelector('#confirm-dialog-fields input, #confirm-dialog-fields select');
    (first || document.getElementById('confirm-dialog-cancel')).focus();
  });
}

export function install() {
  document.getElementById('key-dialog-copy').addEventListener('click', copyKey);
  document.getElementById('key-dialog-close').addEventListener('click', () => {
    document.getElementById('key-dialog').close();
  });
  const confirmDialog = document.getElementById('confirm-dialog');
  document.getElementById('confirm-dialog-cancel').addEventListener('click', () => confirmDialog.close('cancel'));
  document.getElementById('confirm-dialog-ok').addEventListener('click', () => {
    const invalid = confirmDialog.querySelector('#confirm-dialog-fields :invalid');
    if (invalid) {
      invalid.reportValidity();
      return;
    }
    confirmDialog.close('ok');
  });
}
