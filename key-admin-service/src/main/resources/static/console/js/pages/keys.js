// My keys: list, create (shown once), rotate with a grace period (shown once), revoke; limits and usage.
import { call } from '../api.js';
import { confirm, showNewKey } from '../dialogs.js';
import { el, field, replace } from '../dom.js';
import { duration, when } from '../format.js';
import { keyName, keyTable } from '../keytable.js';
import { clearMessages, guarded, notice } from '../ui.js';

const GRACE_PERIODS = [0, 3600, 86400, 7 * 86400, 30 * 86400];

export async function render(view) {
  const list = el('div', { id: 'my-keys' });
  replace(view, el('h1', {}, 'My keys'), createForm(() => load(list)), el('h2', {}, 'Your keys'), list);
  await load(list);
}

function createForm(reload) {
  const form = el('form', { class: 'inline', id: 'create-key-form', 'aria-label': 'Create a key' },
    field({ label: 'Description', name: 'description', maxlength: 200, placeholder: 'What is this key for?' }),
    field({
      label: 'Expires in', name: 'expires',
      options: [['', 'never'], ['7', '7 days'], ['30', '30 days'], ['90', '90 days'], ['365', '1 year']],
    }),
    el('button', { type: 'submit', class: 'primary' }, 'Create key'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(async () => {
      clearMessages();
      const description = form.elements.description.value.trim();
      const days = form.elements.expires.value;
      const created = await call('POST', '/api/auth/apikey/generate', {
        description: description || null,
        expires_in_days: days ? Number(days) : null,
      });
      form.reset();
      await reload();
      await showNewKey(created.key_value, `Key ${keyName(created)}`);
      notice(`Key ${created.display_prefix}… created.`);
    });
  });
  return form;
}

async function load(list) {
  await guarded(async () => {
    const keys = await call('GET', '/api/auth/apikeys');
    replace(list, keyTable(keys, {
      caption: 'Your API keys',
      empty: 'You have no keys yet. Create one above: give it a description saying which service uses it.',
      actions: (key) => (key.status === 'REVOKED' ? [] : [
        el('button', { type: 'button', 'data-action': 'usage', onclick: () => usage(key) }, 'Usage'),
        key.replaced_by ? null : el('button', { type: 'button', 'data-action': 'rotate', onclick: () => rotate(key, list) }, 'Rotate'),
        el('button', { type: 'button', 'data-action': 'revoke', onclick: () => revoke(key, list) }, 'Revoke'),
      ]),
    }));
  });
}

async function rotate(key, list) {
  const grace = field({
    label: 'The old key keeps working for', name: 'grace',
    options: GRACE_PERIODS.map((s) => [String(s), s === 0 ? 'no time: stop it at once' : duration(s)]),
  });
  grace.querySelector('select').value = '86400';
  const ok = await confirm('Rotate key', `Rotate ${keyName(key)}? A new key is issued and shown once.`, 'Rotate', [grace]);
  if (!ok) return;
  await guarded(async () => {
    clearMessages();
    const seconds = Number(grace.querySelector('select').value);
    const rotated = await call('POST', `/api/auth/apikey/${encodeURIComponent(key.id)}/rotate`, {
      grace_period_seconds: seconds,
    });
    await load(list);
    const until = rotated.previous_key.expires_at;
    await showNewKey(rotated.new_key.key_value,
      `Replaces ${keyName(key)}, which works until ${when(until)}.`);
    notice(`Key ${key.display_prefix}… rotated; it works until ${when(until)}.`);
  });
}

async function revoke(key, list) {
  const ok = await confirm('Revoke key',
    `Revoke ${keyName(key)}? Every call with it is refused within about a second. This cannot be undone.`,
    'Revoke');
  if (!ok) return;
  await guarded(async () => {
    clearMessages();
    await call('DELETE', `/api/auth/apikey/${encodeURIComponent(key.id)}`);
    await load(list);
    notice(`Key ${key.display_prefix}… revoked.`);
  });
}

async function usage(key) {
  await guarded(async () => {
    clearMessages();
    const view = await call('GET', `/api/auth/apikey/${encodeURIComponent(key.id)}/usage`);
    await confirm('Limits and usage', `${keyName(key)}: ${usageText(view)}`, 'Close');
  });
}

/** The usage endpoint's answer in words: the key's own limits, then what it used in each window. */
export function usageText(view) {
  const { rate, quota } = view.limits;
  const parts = [
    rate
      ? `Rate: ${rate.limit} requests per ${duration(rate.window_seconds)}, bursts of up to ${rate.burst}.`
      : 'Rate: the route\'s or the gateway\'s default.',
    quota
      ? `Quota: ${quota.limit} requests ${quota.period} (UTC).`
      : 'Quota: the route\'s or the gateway\'s default.',
  ];
  if (!view.usage_available) {
    parts.push('Usage cannot be read right now.');
  } else {
    for (const window of view.usage || []) {
      parts.push(`Used in the ${window.period} window: ${window.used} (it resets ${when(window.resets_at)}).`);
    }
    if (view.remaining !== null && view.remaining !== undefined) parts.push(`Remaining of the quota: ${view.remaining}.`);
  }
  return parts.join(' ');
}
