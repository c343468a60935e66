// Calls the key-admin JSON API on this origin, with the in-memory access token.
import * as session from './session.js';

/** A refused call: the problem's detail and the request id to quote. */
export class ApiError extends Error {
  constructor(status, detail, requestId, code) {
    super(detail);
    this.status = status;
    this.requestId = requestId;
    this.code = code;
  }
}

/** GET/POST/PUT/DELETE path (under the origin); body is sent as JSON; resolves to parsed JSON or null. */
export async function call(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const current = session.get();
  if (current) headers.Authorization = `Bearer ${current.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    });
  } catch {
    throw new ApiError(0, 'The service could not be reached. Check your connection and try again.', null, null);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (response.ok) return json;
  const requestId = (json && json.request_id) || response.headers.get('X-Request-Id');
  const detail = (json && (json.detail || json.title))
    || `The service answered ${response.status} ${response.statusText}.`;
  if (response.status === 401 && current && path !== '/api/auth/login') {
    session.end('Your session has ended: the access token is no longer accepted. Log in again to continue.');
  }
  throw new ApiError(response.status, detail, requestId, json && json.code);
}

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
