// How values read on the page.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An ISO instant as local date and time; "—" for none. */
export function when(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : dateTime.format(date);
}

/** A field name as a column heading: "rate_limit_per_minute" → "Rate limit per minute". */
export function heading(name) {
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Any JSON value as plain text: lists joined, objects as "name: value", null as "—". */
export function plain(value) {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(plain).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => `${heading(k)}: ${plain(v)}`).join('; ');
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return when(value);
  return String(value);
}

/** Seconds as words: 3600 → "1 hour". */
export function duration(seconds) {
  if (seconds === 0) return 'at once';
  const units = [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];
  for (const [size, name] of units) {
    if (seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${seconds} seconds`;
}
