// The console API of docs/console-api.md: every call goes through request(), which turns a
// non-success answer into an ApiError carrying the server's {error, detail, field}.

/** A failed API call, with the server's error code, its detail and the field it names. */
export class ApiError extends Error {
  constructor(status, body, fallback) {
    const detail = (body && body.detail) || fallback || `HTTP ${status}`;
    super(detail);
    this.status = status;
    this.code = (body && body.error) || (status === 0 ? 'network' : 'http-' + status);
    this.detail = detail;
    this.field = body && body.field;
    this.retryAfter = null;
  }
}

let onUnauthenticated = () => {};

/** Called when any call answers 401 outside of signing in (the session expired). */
export function setUnauthenticatedHandler(fn) {
  onUnauthenticated = fn;
}

export async function request(method, path, { body, contentType, query, quiet401 = false } = {}) {
  let url = path;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== null && v !== undefined && v !== '') params.set(k, Array.isArray(v) ? v.join(',') : v);
    }
    const qs = params.toString();
    if (qs) url += (url.includes('?') ? '&' : '?') + qs;
  }
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = contentType || 'application/json';
    init.body = contentType && contentType !== 'application/json' ? body : JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url, init);
  } catch (e) {
    throw new ApiError(0, null, `The console did not answer (${e.message}). Check the network.`);
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = res.ok ? text : null;
    }
  }
  if (!res.ok) {
    // Not every failure is the API's JSON (a proxy's HTML page, a bare 502): say what is known
    // without pasting markup into the message.
    const plain = text && !data && !/^\s*</.test(text) ? text.slice(0, 200) : null;
    const err = new ApiError(res.status, data, plain || `HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''} from ${path}`);
    if (res.status === 429) err.retryAfter = res.headers.get('Retry-After');
    if (res.status === 401 && !quiet401) onUnauthenticated(err);
    throw err;
  }
  return data;
}

export const api = {
  // Sessions and accounts
  session: () => request('GET', '/api/session', { quiet401: true }),
  signIn: (username, password) => request('POST', '/api/session', { body: { username, password }, quiet401: true }),
  signOut: () => request('DELETE', '/api/session', { quiet401: true }),
  changePassword: (current, next) => request('PUT', '/api/session/password', { body: { current, next } }),
  users: () => request('GET', '/api/users'),
  createUser: (user) => request('POST', '/api/users', { body: user }),
  updateUser: (username, changes) => request('PUT', `/api/users/${encodeURIComponent(username)}`, { body: changes }),
  audit: (query) => request('GET', '/api/audit', { query }),

  // Incidents
  incidents: (query) => request('GET', '/api/incidents', { query }),
  incidentCounts: () => request('GET', '/api/incidents/counts'),
  incident: (id) => request('GET', `/api/incidents/${encodeURIComponent(id)}`),
  command: (id, command) => request('POST', `/api/incidents/${encodeURIComponent(id)}/commands`, { body: command }),
  agencies: () => request('GET', '/api/agencies'),

  // Sources
  sources: () => request('GET', '/api/sources'),
  source: (id) => request('GET', `/api/sources/${encodeURIComponent(id)}`),
  createSource: (source) => request('POST', '/api/sources', { body: source }),
  updateSource: (source, expectedVersion) =>
    request('PUT', `/api/sources/${encodeURIComponent(source.sourceId)}`, { body: { ...source, expectedVersion }, query: { expectedVersion } }),
  retireSource: (id) => request('DELETE', `/api/sources/${encodeURIComponent(id)}`),
  importSources: (csv) => request('POST', '/api/sources/import', { body: csv, contentType: 'text/csv' }),

  // Rules
  rules: () => request('GET', '/api/rules'),
  rule: (id) => request('GET', `/api/rules/${encodeURIComponent(id)}`),
  createRule: (rule) => request('POST', '/api/rules', { body: rule }),
  // expectedVersion goes both as a query parameter and in the body: the contract names it
  // without saying where, and the server ignores what it does not read.
  updateRule: (rule, expectedVersion) =>
    request('PUT', `/api/rules/${encodeURIComponent(rule.ruleId)}`, {
      body: { ...rule, expectedVersion },
      query: { expectedVersion },
    }),
  retireRule: (id) => request('DELETE', `/api/rules/${encodeURIComponent(id)}`),
  previewRule: (rule, days = 7) => request('POST', '/api/rules/preview', { body: { rule, days } }),

  // Readings, KPIs, health
  readings: (query) => request('GET', '/api/readings', { query }),
  kpis: (query) => request('GET', '/api/kpis', { query }),
  health: () => request('GET', '/api/health', { quiet401: true }),
};

/** The picture of a piece of video evidence, by its content hash. */
export function mediaUrl(sha256) {
  return `/api/media/${encodeURIComponent(sha256)}`;
}
