// The alert wall: open incidents by priority then age, coloured and labelled by severity,
// counters per state, live from the stream, with a sound for new critical incidents and
// keyboard shortcuts for the operator on duty.
import { api } from '../api.js';
import * as stream from '../stream.js';
import { loadSources, sourceEntry } from '../store.js';
import { allowedCommands, mayIssue } from '../lifecycle.js';
import { audioReady, isMuted, unlockAudio } from '../sound.js';
import * as commands from '../commands.js';
import { announce, errorPanel, openDialog, showError, toast } from '../ui.js';
import { h, mount, label, severityBadge, stateBadge, timeEl, deadlineEl, debounce, SEVERITIES } from '../util.js';

const OPEN_STATES = ['OPEN', 'ACKNOWLEDGED', 'DISPATCHED', 'ON_SCENE', 'RESOLVED'];
const FILTER_KEY = 'vigil.wall.minSeverity';

export const SHORTCUTS = [
  ['j / ↓', 'select the next incident'],
  ['k / ↑', 'select the previous incident'],
  ['Enter', 'open the selected incident'],
  ['a', 'acknowledge the selected incident'],
  ['d', 'dispatch the selected incident (choose agencies)'],
  ['m', 'sound on / off for new critical incidents'],
  ['?', 'this help'],
  ['Esc', 'close a dialog'],
];

export function showHelp() {
  return openDialog({
    title: 'Keyboard shortcuts',
    testid: 'help-dialog',
    submitLabel: 'Close',
    cancel: false,
    body: h(
      'table',
      { class: 'shortcuts' },
      h('tbody', {}, SHORTCUTS.map(([k, what]) => h('tr', {}, h('td', {}, h('kbd', {}, k)), h('td', {}, what)))),
    ),
  });
}

/** The priority-then-age order of the contract: higher priority first, then oldest first. */
export function byPriorityThenAge(a, b) {
  if ((b.priority || 0) !== (a.priority || 0)) return (b.priority || 0) - (a.priority || 0);
  return new Date(a.openedAt).getTime() - new Date(b.openedAt).getTime();
}

export async function render(main, { user, navigate }) {
  const incidents = new Map();
  let selectedId = null;
  let counts = {};
  let minSeverity = localStorage.getItem(FILTER_KEY) || 'INFO';
  let loadError = null;

  const counters = h('div', { class: 'counters', 'data-testid': 'wall-counters', role: 'group', 'aria-label': 'Incidents per state' });
  const severityFilter = h(
    'select',
    { id: 'wall-min-severity', 'aria-label': 'Show severities from' },
    SEVERITIES.map((s) => h('option', { value: s, selected: s === minSeverity }, `${label(s)} and above`)),
  );
  const tbody = h('tbody');
  const table = h(
    'table',
    { id: 'wall-table', class: 'wall-table', 'aria-label': 'Open incidents, most urgent first', 'aria-rowcount': 0 },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Severity'),
        h('th', { scope: 'col', class: 'num' }, 'Prio'),
        h('th', { scope: 'col' }, 'Source'),
        h('th', { scope: 'col' }, 'State'),
        h('th', { scope: 'col' }, 'Latest'),
        h('th', { scope: 'col', class: 'num' }, 'Alerts'),
        h('th', { scope: 'col' }, 'Opened'),
        h('th', { scope: 'col' }, 'Due'),
        h('th', { scope: 'col' }, 'Agencies'),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')),
      ),
    ),
    tbody,
  );
  const status = h('div', { class: 'wall-status muted', 'data-testid': 'wall-status' });
  // Browsers keep a page silent until someone clicks or types in it: say so on the wall.
  const soundHint = h(
    'button',
    { type: 'button', id: 'enable-sound', class: 'btn small warn hidden', onclick: () => { unlockAudio(); setTimeout(paintSoundHint, 100); } },
    'Sound is blocked by the browser: click to enable',
  );
  const paintSoundHint = () => soundHint.classList.toggle('hidden', isMuted() || audioReady());
  const wall = h(
    'section',
    { id: 'alert-wall', class: 'wall', 'aria-label': 'Alert wall' },
    h(
      'div',
      { class: 'wall-bar' },
      counters,
      h('span', { class: 'spacer' }),
      soundHint,
      severityFilter,
      h('button', { type: 'button', class: 'btn small', 'data-testid': 'help-button', onclick: showHelp, title: 'Keyboard shortcuts (?)' }, '? Shortcuts'),
    ),
    h('div', { class: 'wall-scroll' }, table),
    status,
  );
  mount(main, wall);

  severityFilter.addEventListener('change', () => {
    minSeverity = severityFilter.value;
    localStorage.setItem(FILTER_KEY, minSeverity);
    paint();
  });

  function visible() {
    const min = SEVERITIES.indexOf(minSeverity);
    return [...incidents.values()].filter((i) => SEVERITIES.indexOf(i.severity) >= min).sort(byPriorityThenAge);
  }

  function paintCounters() {
    // The tab title carries the open count, so a wall in another tab still shows what waits.
    document.title = `(${counts.OPEN || 0}) Alert wall — Vigil`;
    mount(
      counters,
      OPEN_STATES.map((s) =>
        h(
          'div',
          { class: `counter state-${s}`, 'data-testid': `count-${s}` },
          h('span', { class: 'counter-n' }, String(counts[s] || 0)),
          h('span', { class: 'counter-label' }, label(s)),
        ),
      ),
    );
  }

  function paint() {
    const rows = visible();
    status.textContent = `${incidents.size} open incident${incidents.size === 1 ? '' : 's'}, ${rows.length} shown`;
    if (selectedId && !rows.some((r) => r.incidentId === selectedId)) selectedId = null;
    if (!selectedId && rows.length) selectedId = rows[0].incidentId;
    table.setAttribute('aria-rowcount', String(rows.length));
    if (loadError) {
      mount(tbody, h('tr', {}, h('td', { colspan: 10 }, errorPanel(loadError, 'Incidents could not be loaded'))));
      return;
    }
    if (!rows.length) {
      mount(tbody, h('tr', { class: 'empty' }, h('td', { colspan: 10 }, 'No open incidents. All quiet.')));
      return;
    }
    mount(tbody, rows.map(row));
  }

  function row(i) {
    const selected = i.incidentId === selectedId;
    const allowed = allowedCommands(user, i.state);
    const canDispatch = allowed.includes('DISPATCH') || allowed.includes('ACKNOWLEDGE');
    const tr = h(
      'tr',
      {
        class: `wall-row sev-row-${i.severity}` + (selected ? ' selected' : '') + (i._fresh ? ' fresh' : ''),
        'data-testid': 'wall-row',
        'data-incident-id': i.incidentId,
        'data-severity': i.severity,
        'data-state': i.state,
        'aria-selected': String(selected),
        tabindex: selected ? 0 : -1,
        onclick: (e) => {
          if (e.target.closest('button, a')) return;
          select(i.incidentId, true);
        },
        ondblclick: () => navigate(`#/incident/${encodeURIComponent(i.incidentId)}`),
      },
      h('td', {}, severityBadge(i.severity)),
      h('td', { class: 'num prio' }, String(i.priority ?? '')),
      h(
        'td',
        { class: 'src' },
        h('a', { href: `#/incident/${encodeURIComponent(i.incidentId)}`, class: 'src-name' }, i.sourceName || i.sourceId),
        h('div', { class: 'muted small', 'data-testid': 'wall-category' }, [label(i.category), i.sourceId].filter(Boolean).join(' · ')),
      ),
      h('td', {}, stateBadge(i.state)),
      h('td', { class: 'latest' }, h('span', { class: 'event-type' }, label(i.lastEventType)), i.lastDetail ? h('div', { class: 'detail' }, i.lastDetail) : null),
      h('td', { class: 'num' }, String(i.alertCount ?? '')),
      h('td', { class: 'time' }, timeEl(i.openedAt)),
      h('td', { class: 'time' }, deadlineEl(i.deadline)),
      h('td', { class: 'agencies' }, (i.agencyIds || []).join(', ') || h('span', { class: 'muted' }, '—')),
      h(
        'td',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'btn small',
            'data-testid': 'ack-button',
            disabled: !allowed.includes('ACKNOWLEDGE'),
            title: 'Acknowledge (a)',
            onclick: () => acknowledge(i),
          },
          'Ack',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn small',
            'data-testid': 'dispatch-button',
            disabled: !canDispatch,
            title: 'Dispatch (d)',
            onclick: () => dispatch(i),
          },
          'Dispatch',
        ),
      ),
    );
    delete i._fresh;
    return tr;
  }

  function select(id, focus) {
    selectedId = id;
    for (const tr of tbody.querySelectorAll('tr.wall-row')) {
      const on = tr.dataset.incidentId === id;
      tr.classList.toggle('selected', on);
      tr.setAttribute('aria-selected', String(on));
      tr.tabIndex = on ? 0 : -1;
      if (on && focus) {
        tr.focus({ preventScroll: true });
        tr.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  function move(delta) {
    const rows = visible();
    if (!rows.length) return;
    let idx = rows.findIndex((r) => r.incidentId === selectedId);
    idx = idx < 0 ? 0 : Math.max(0, Math.min(rows.length - 1, idx + delta));
    select(rows[idx].incidentId, true);
  }

  async function acknowledge(i) {
    if (!mayIssue(user, 'ACKNOWLEDGE', i.state)) {
      toast(`${label(i.state)} incidents cannot be acknowledged`, 'info');
      return;
    }
    if (await commands.simple(i.incidentId, 'ACKNOWLEDGE')) announce(`Acknowledgement sent for ${i.sourceName || i.sourceId}`);
  }

  async function dispatch(i) {
    if (!mayIssue(user, 'DISPATCH', i.state) && !mayIssue(user, 'ACKNOWLEDGE', i.state)) {
      toast(`${label(i.state)} incidents cannot be dispatched`, 'info');
      return;
    }
    const entry = sourceEntry(i.sourceId);
    await commands.dispatchDialog(i, entry ? entry.source.agencyIds || [] : []);
    select(i.incidentId, true);
  }

  function onKey(e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (document.querySelector('dialog[open]')) return;
    if (e.target.closest && e.target.closest('input, textarea, select, [contenteditable]')) return;
    const current = incidents.get(selectedId);
    switch (e.key) {
      case 'j':
      case 'ArrowDown':
        move(1);
        break;
      case 'k':
      case 'ArrowUp':
        move(-1);
        break;
      case 'Enter':
        if (!current || (e.target.closest && e.target.closest('a, button'))) return;
        navigate(`#/incident/${encodeURIComponent(current.incidentId)}`);
        break;
      case 'a':
        if (current) acknowledge(current);
        break;
      case 'd':
        if (current) dispatch(current);
        break;
      case '?':
        showHelp();
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  async function load() {
    try {
      const [list, c] = await Promise.all([api.incidents({ open: true, limit: 200 }), api.incidentCounts()]);
      incidents.clear();
      for (const i of list || []) incidents.set(i.incidentId, i);
      counts = c || {};
      loadError = null;
      status.dataset.loaded = 'true';
    } catch (e) {
      loadError = e;
    }
    paintCounters();
    paint();
  }

  const refreshCounts = debounce(async () => {
    try {
      counts = (await api.incidentCounts()) || {};
      paintCounters();
    } catch (e) {
      console.warn('counts failed', e);
    }
  }, 800);

  function applyEvent(ev) {
    if (!ev || !ev.incidentId) return;
    const existing = incidents.get(ev.incidentId);
    if (existing && existing.sequence !== undefined && ev.sequence <= existing.sequence) return;
    refreshCounts();
    if (!OPEN_STATES.includes(ev.state)) {
      if (existing) {
        incidents.delete(ev.incidentId);
        paint();
      }
      return;
    }
    const entry = sourceEntry(ev.sourceId);
    const next = {
      ...(existing || {}),
      incidentId: ev.incidentId,
      state: ev.state,
      priority: ev.priority,
      severity: ev.severity,
      category: ev.category,
      sourceId: ev.sourceId,
      sourceName: (existing && existing.sourceName) || (entry && entry.source.name) || ev.sourceId,
      openedAt: (existing && existing.openedAt) || ev.at,
      updatedAt: ev.at,
      alertCount: (ev.alertIds || []).length,
      agencyIds: ev.agencyIds || [],
      deadline: ev.deadline || null,
      lastEventType: ev.type,
      lastDetail: ev.detail || null,
      sequence: ev.sequence,
    };
    if (!existing && ev.type !== 'OPENED') {
      // An incident we did not list (beyond the list's limit, or opened before a reset): take the
      // server's summary so its opening time and name are right.
      api.incident(ev.incidentId).then(
        (d) => {
          if (d && d.incident && OPEN_STATES.includes(d.incident.state)) {
            incidents.set(ev.incidentId, { ...next, ...d.incident });
            paint();
          }
        },
        () => {},
      );
    }
    // Sound and announcements come from notify.js, on every screen; here the row only flashes.
    if (!existing) next._fresh = true;
    incidents.set(ev.incidentId, next);
    paint();
  }

  const unsubscribe = [
    stream.on('incident', applyEvent),
    stream.on('reset', load),
    stream.on('status', ({ status: s, cursor }) => {
      // A first connection (no cursor) replays nothing: what happened while we were loading is
      // only in the lists, so load them again once live.
      if (s === 'live' && !cursor) load();
    }),
  ];
  document.addEventListener('keydown', onKey);
  document.addEventListener('vigil:mute', paintSoundHint);
  const soundTimer = setInterval(paintSoundHint, 3000);
  setTimeout(paintSoundHint, 500);

  await loadSources().catch((e) => showError(e, 'Sources could not be loaded'));
  await load();
  const focusRow = tbody.querySelector('tr.selected');
  if (focusRow) focusRow.focus({ preventScroll: true });

  return () => {
    clearInterval(soundTimer);
    document.removeEventListener('vigil:mute', paintSoundHint);
    document.removeEventListener('keydown', onKey);
    unsubscribe.forEach((u) => u());
  };
}
