/*
 * Vigil console — the single-page browser UI served by the console (no build step: plain ES
 * modules; Leaflet and ECharts come as WebJars under /webjars/).
 *
 * Routes (hash): #/wall (operators' home), #/map, #/incident/{id}, #/source/{id}, #/sources,
 * #/rules, #/rules/{id}, #/rules/new, #/inbox (agency home), #/users, #/audit, #/kpis, #/health.
 *
 * Stable hooks for browser tests (ids and data-testid attributes):
 *   sign-in:   form#login-form, input#login-username, input#login-password, button#login-submit,
 *              #login-error (the server's detail)
 *   header:    #current-user (data-username, data-role), #current-role, button#sign-out,
 *              button#change-password (password-dialog),
 *              button#mute-toggle (aria-pressed), #stream-status (data-status: live|connecting|
 *              reconnecting|offline), nav links a[data-testid="nav-<route>"]
 *   live:      #live-polite / #live-assertive (aria-live regions: new incidents are announced)
 *   toasts:    [data-testid="toast-ok"], [data-testid="toast-error"] (errors carry the API detail)
 *   wall:      #alert-wall, table#wall-table, select#wall-min-severity, rows
 *              tr[data-testid="wall-row"][data-incident-id][data-severity][data-state]
 *              (selected row: aria-selected="true"), [data-testid="wall-status"] (counts;
 *              data-loaded once the first list arrived),
 *              [data-testid="count-<STATE>"], row buttons [data-testid="ack-button"],
 *              [data-testid="dispatch-button"]; keys j/k/↑/↓ select, a acknowledge, d dispatch,
 *              Enter open, m mute, ? help ([data-testid="help-dialog"]); button#enable-sound shows
 *              while the browser still blocks audio
 *   dialogs:   dialog[data-testid="dispatch-dialog"] with checkboxes
 *              [data-testid="dispatch-agency-<agencyId>"], [data-testid="dispatch-note"];
 *              every dialog: [data-testid="dialog-submit"], [data-testid="dialog-cancel"],
 *              [data-testid="dialog-error"]; note-dialog, feedback-dialog, resolve-dialog
 *              ([data-testid="<type>-text"]), merge-dialog ([data-testid="merge-into"]),
 *              silence-dialog ([data-testid="silence-until"])
 *   incident:  #incident-view[data-incident-id][data-state], [data-testid="incident-state"],
 *              action buttons [data-testid="action-<COMMAND>"] (e.g. action-ACKNOWLEDGE),
 *              [data-testid="timeline"] > li[data-event-type], [data-testid="deliveries"] rows
 *              tr[data-agency-id][data-outcome], charts [data-testid="evidence-chart"],
 *              pictures img[data-testid="evidence-picture"], [data-testid="complaint-text"]
 *   map:       #map (the Leaflet container, data-testid="map"), markers
 *              path[data-source-id][data-status], legend [data-testid="map-legend"]
 *   source:    #source-view[data-source-id], [data-testid="latest-values"] rows
 *              tr[data-pollutant], range buttons [data-testid="range-<1h|6h|24h|7d|30d>"],
 *              [data-testid="source-chart"], [data-testid="completeness"]
 *   sources:   table#sources-table rows tr[data-source-id], textarea#import-csv,
 *              input#import-file, button#import-submit, [data-testid="import-result"] (rows
 *              tr[data-line] for wrong lines), button#source-new, button#source-edit (source
 *              view), dialog[data-testid="source-dialog"] with #source-sourceId, #source-name,
 *              #source-enterprise, #source-kind, #source-lat, #source-lon, #source-address,
 *              #source-street, #source-area, #source-groups, #source-agencyIds
 *   rules:     table#rules-table rows tr[data-rule-id]; editor form#rule-form with inputs
 *              #rule-ruleId, #rule-name, #rule-enabled, #rule-scope-kind, #rule-sourceId,
 *              #rule-group, #rule-outletId, #rule-pollutantCode, #rule-dataKind,
 *              #rule-comparator, #rule-consecutive, #rule-duration, #rule-clearRatio, level rows
 *              [data-testid="level-row"] with [name="levels[i].severity|threshold|mode"],
 *              errors [data-error-for="<field>"]; buttons #rule-preview, #rule-save,
 *              #rule-add-level, #rule-retire, a#rule-new, input#rules-filter;
 *              [data-testid="preview-result"] (rows preview-edited, preview-current),
 *              [data-testid="rule-history"], [data-testid="rule-conflict"] (409)
 *   inbox:     #agency-inbox, rows tr[data-testid="inbox-row"][data-incident-id], buttons
 *              [data-testid="inbox-ACKNOWLEDGE|inbox-ARRIVE|inbox-FEEDBACK|inbox-RESOLVE"]
 *   admin:     table#users-table rows tr[data-username]; form#user-create-form (#user-username,
 *              #user-displayName, #user-role, #user-agencyId, #user-password,
 *              button#user-create-submit, #user-create-error); per row
 *              select[data-testid="user-role"], [data-testid="user-disable"],
 *              [data-testid="user-reset-password"]; audit: form#audit-filters
 *              (#audit-user, #audit-action, #audit-outcome, #audit-from, #audit-to),
 *              table#audit-table
 *   kpis:      table#kpi-agencies rows tr[data-agency-id], table#kpi-sources rows tr[data-source-id]
 *   health:    #health-view, #health-overall, table#health-components
 */
import { api, setUnauthenticatedHandler } from './api.js';
import { h, mount, label, refreshAges } from './util.js';
import { toast, showError, openDialog, field } from './ui.js';
import * as stream from './stream.js';
import { isMuted, setMuted, unlockAudio } from './sound.js';
import { isStaff } from './lifecycle.js';
import * as notify from './notify.js';
import { loadSources } from './store.js';

import * as loginView from './views/login.js';
import * as wallView from './views/wall.js';
import * as mapView from './views/map.js';
import * as incidentView from './views/incident.js';
import * as sourceView from './views/source.js';
import * as sourcesView from './views/sources.js';
import * as rulesView from './views/rules.js';
import * as inboxView from './views/inbox.js';
import * as usersView from './views/users.js';
import * as auditView from './views/audit.js';
import * as kpisView from './views/kpis.js';
import * as healthView from './views/health.js';

const state = { user: null, cleanup: null, renderSeq: 0 };

/** The screens, who may see them and how they appear in the navigation. */
const ROUTES = [
  { name: 'wall', title: 'Alert wall', view: wallView, roles: ['OPERATOR', 'ENV_STAFF', 'ADMIN'], nav: true },
  { name: 'map', title: 'Map', view: mapView, roles: ['OPERATOR', 'ENV_STAFF', 'ADMIN'], nav: true },
  { name: 'inbox', title: 'Inbox', view: inboxView, roles: ['AGENCY'], nav: true },
  { name: 'incident', title: 'Incident', view: incidentView, roles: ['OPERATOR', 'ENV_STAFF', 'ADMIN', 'AGENCY'] },
  { name: 'source', title: 'Source', view: sourceView, roles: ['OPERATOR', 'ENV_STAFF', 'ADMIN', 'AGENCY'] },
  { name: 'sources', title: 'Sources', view: sourcesView, roles: ['OPERATOR', 'ENV_STAFF', 'ADMIN'], nav: true },
  { name: 'rules', title: 'Rules', view: rulesView, roles: ['OPERATOR', 'ENV_STAFF', 'ADMIN'], nav: true },
  { name: 'kpis', title: 'KPIs', view: kpisView, roles: ['OPERATOR', 'ENV_STAFF', 'ADMIN', 'AGENCY'], nav: true },
  { name: 'users', title: 'Users', view: usersView, roles: ['ADMIN'], nav: true },
  { name: 'audit', title: 'Audit', view: auditView, roles: ['ADMIN'], nav: true },
  { name: 'health', title: 'Health', view: healthView, roles: ['OPERATOR', 'ENV_STAFF', 'ADMIN', 'AGENCY'], nav: true },
];

export function currentUser() {
  return state.user;
}

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function homeFor(user) {
  return user && user.role === 'AGENCY' ? '#/inbox' : '#/wall';
}

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, queryString] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { name: parts[0] || '', args: parts.slice(1), query: new URLSearchParams(queryString || '') };
}

async function route() {
  const seq = ++state.renderSeq;
  if (state.cleanup) {
    try {
      state.cleanup();
    } catch (e) {
      console.error(e);
    }
    state.cleanup = null;
  }
  const main = document.getElementById('main');
  const { name, args, query } = parseHash();
  if (!state.user) {
    renderChrome();
    mount(main);
    if (name === 'health') {
      // Health is public, like GET /api/health: whoever is at the wall can see what is down.
      state.cleanup = await healthView.render(main);
      return;
    }
    state.cleanup = loginView.render(main, { onSignedIn: signedIn });
    return;
  }
  const target = ROUTES.find((r) => r.name === name);
  if (!target) {
    location.replace(homeFor(state.user));
    return;
  }
  renderChrome(target.name);
  if (!target.roles.includes(state.user.role)) {
    mount(
      main,
      h('div', { class: 'error-panel', role: 'alert' }, `Your role (${label(state.user.role)}) cannot open ${target.title}.`),
    );
    return;
  }
  document.title = `${target.title} — Vigil`;
  mount(main);
  main.focus({ preventScroll: true });
  const cleanup = await target.view.render(main, { user: state.user, args, query, navigate });
  if (seq !== state.renderSeq) {
    if (typeof cleanup === 'function') cleanup();
    return;
  }
  state.cleanup = typeof cleanup === 'function' ? cleanup : null;
}

function renderChrome(active) {
  const header = document.getElementById('app-header');
  const user = state.user;
  if (!user) {
    mount(
      header,
      h('a', { class: 'brand', href: '#/' }, 'VIGIL'),
      h('span', { class: 'muted' }, 'Environmental monitoring and emergency command'),
      h('span', { class: 'spacer' }),
      h('a', { class: 'nav-link', href: '#/health', 'data-testid': 'nav-health' }, 'System health'),
      h('a', { class: 'nav-link', href: '#/login', 'data-testid': 'nav-login' }, 'Sign in'),
    );
    return;
  }
  const links = ROUTES.filter((r) => r.nav && r.roles.includes(user.role)).map((r) =>
    h(
      'a',
      {
        href: `#/${r.name}`,
        class: 'nav-link' + (r.name === active ? ' active' : ''),
        'aria-current': r.name === active ? 'page' : null,
        'data-testid': `nav-${r.name}`,
      },
      r.title,
    ),
  );
  const muteBtn = h('button', {
    type: 'button',
    id: 'mute-toggle',
    class: 'btn small',
    'aria-pressed': String(isMuted()),
    title: 'Mute or unmute the sound for new critical incidents (m)',
  });
  paintMute(muteBtn);
  muteBtn.addEventListener('click', () => {
    setMuted(!isMuted());
    unlockAudio();
  });
  const status = stream.streamStatus();
  mount(
    header,
    h('a', { class: 'brand', href: homeFor(user) }, 'VIGIL'),
    h('nav', { class: 'nav', 'aria-label': 'Screens' }, links),
    h('span', { class: 'spacer' }),
    h('span', { id: 'stream-status', class: `stream-status ${status}`, 'data-status': status, role: 'status', title: 'Live updates' }, streamLabel(status)),
    isStaff(user) ? muteBtn : null,
    h(
      'span',
      { id: 'current-user', class: 'user', 'data-username': user.username, 'data-role': user.role },
      h('span', { class: 'user-name' }, user.displayName || user.username),
      ' ',
      h('span', { id: 'current-role', class: 'role' }, label(user.role) + (user.agencyId ? ` · ${user.agencyId}` : '')),
    ),
    h('button', { type: 'button', class: 'btn small', id: 'change-password', onclick: changePassword }, 'Password'),
    h('button', { type: 'button', class: 'btn small', id: 'sign-out', onclick: signOut }, 'Sign out'),
  );
}

function paintMute(button = document.getElementById('mute-toggle')) {
  if (!button) return;
  const muted = isMuted();
  button.setAttribute('aria-pressed', String(muted));
  button.textContent = muted ? '✕ Sound off' : '♪ Sound on';
}

function streamLabel(status) {
  return { live: '● Live', connecting: '◌ Connecting', reconnecting: '◌ Reconnecting', offline: '○ Offline' }[status] || status;
}

function startLive(user) {
  stream.start();
  notify.start(user);
  // Names for announcements; agencies may not read the registry, which is fine.
  if (isStaff(user)) loadSources().catch(() => {});
}

async function signedIn(user) {
  state.user = user;
  startLive(user);
  const { name } = parseHash();
  if (!name || name === 'login') location.hash = homeFor(user);
  else route();
}

async function signOut() {
  try {
    await api.signOut();
  } catch (e) {
    // Signed out either way once the local state is gone; say why the server did not confirm.
    showError(e, 'Sign-out');
  }
  state.user = null;
  stream.stop();
  notify.stop();
  location.hash = '#/';
  route();
}

async function changePassword() {
  const current = h('input', { type: 'password', name: 'current', autocomplete: 'current-password', required: true });
  const next = h('input', { type: 'password', name: 'next', autocomplete: 'new-password', required: true, minlength: 12 });
  const ok = await openDialog({
    title: 'Change your password',
    testid: 'password-dialog',
    submitLabel: 'Change',
    body: h('div', {}, field('Current password', current), field('New password (12 characters or more)', next)),
    onSubmit: async () => {
      if (next.value.length < 12) throw { detail: 'The new password needs 12 characters or more.', field: 'next' };
      await api.changePassword(current.value, next.value);
    },
  });
  if (ok) toast('Password changed', 'ok');
}

function sessionExpired(err) {
  if (!state.user) return;
  state.user = null;
  stream.stop();
  notify.stop();
  toast(`Signed out: ${err.detail}`, 'error');
  route();
}

async function boot() {
  setUnauthenticatedHandler(sessionExpired);
  stream.on('unauthenticated', () => {
    // Either the session is gone (sign in again) or it was a passing refusal (try again later).
    api.session().then(
      () => setTimeout(() => state.user && stream.start(), 5000),
      (e) => (e.status === 401 ? sessionExpired(e) : null),
    );
  });
  stream.on('status', ({ status }) => {
    const el = document.getElementById('stream-status');
    if (el) {
      el.className = `stream-status ${status}`;
      el.dataset.status = status;
      el.textContent = streamLabel(status);
    }
  });
  document.addEventListener('vigil:mute', () => paintMute());
  document.addEventListener('pointerdown', unlockAudio, { once: true });
  document.addEventListener('keydown', unlockAudio, { once: true });
  document.addEventListener('keydown', globalKeys);
  window.addEventListener('hashchange', route);
  setInterval(() => refreshAges(), 15000);
  try {
    state.user = await api.session();
    startLive(state.user);
  } catch (e) {
    state.user = null;
    if (e.status !== 401) showError(e, 'Session check');
  }
  if (state.user && !parseHash().name) location.replace(homeFor(state.user));
  route();
}

function globalKeys(e) {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.target.closest && e.target.closest('input, textarea, select, [contenteditable], dialog')) return;
  if (e.key === 'm' && state.user && isStaff(state.user)) {
    setMuted(!isMuted());
    toast(isMuted() ? 'Sound off' : 'Sound on', 'info', { timeout: 1500 });
  }
}

boot();
