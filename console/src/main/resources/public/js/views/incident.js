// One incident: what it is, what happened (timeline), why (evidence: readings around the event
// with the limit, video pictures, complaint text), what can be done now (actions per role) and
// where the dispatches stand (deliveries per agency).
import { api, mediaUrl } from '../api.js';
import * as stream from '../stream.js';
import { allowedCommands } from '../lifecycle.js';
import * as commands from '../commands.js';
import { lineChart, disposeCharts } from '../charts.js';
import { errorPanel } from '../ui.js';
import { h, mount, label, severityBadge, stateBadge, timeEl, deadlineEl, fmtNumber, localDateTime, debounce } from '../util.js';

const SHA256 = /\b[0-9a-f]{64}\b/g;

export async function render(main, { user, args, navigate }) {
  const id = args[0];
  const root = h('section', { id: 'incident-view', class: 'incident-view', 'data-incident-id': id, 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  mount(main, root);
  let detail = null;
  let agencyList = [];

  async function load() {
    try {
      const [d, agencies] = await Promise.all([api.incident(id), commands.agencies().catch(() => [])]);
      detail = d;
      agencyList = agencies || [];
      paint();
    } catch (e) {
      disposeCharts(root);
      mount(root, h('p', {}, h('a', { href: '#/wall' }, '← Back')), errorPanel(e, `Incident ${id}`));
    }
    root.setAttribute('aria-busy', 'false');
  }

  function paint() {
    disposeCharts(root);
    const inc = detail.incident;
    root.dataset.state = inc.state;
    document.title = `${inc.sourceName || inc.sourceId} — ${inc.severity} — Vigil`;
    mount(
      root,
      header(inc),
      actions(inc),
      h(
        'div',
        { class: 'incident-grid' },
        h('div', { class: 'col' }, evidenceSection(detail), deliveriesSection(detail.deliveries || [])),
        h('div', { class: 'col' }, timelineSection(detail.timeline || []), sourceSection(detail.source)),
      ),
    );
  }

  function header(inc) {
    return h(
      'header',
      { class: `incident-header sev-row-${inc.severity}` },
      h('div', { class: 'crumbs' }, h('a', { href: user.role === 'AGENCY' ? '#/inbox' : '#/wall' }, user.role === 'AGENCY' ? '← Inbox' : '← Alert wall')),
      h(
        'h1',
        {},
        severityBadge(inc.severity),
        ' ',
        h('a', { href: `#/source/${encodeURIComponent(inc.sourceId)}` }, inc.sourceName || inc.sourceId),
      ),
      h(
        'dl',
        { class: 'facts' },
        fact('State', h('span', { 'data-testid': 'incident-state' }, stateBadge(inc.state))),
        fact('What', label(inc.category) || '—'),
        fact('Priority', String(inc.priority ?? '—')),
        fact('Opened', timeEl(inc.openedAt)),
        fact('Updated', timeEl(inc.updatedAt)),
        fact('Due', deadlineEl(inc.deadline)),
        fact('Alerts', String(inc.alertCount ?? (detail.alerts || []).length)),
        fact('Agencies', (inc.agencyIds || []).map((a) => commands.agencyName(a, agencyList)).join(', ') || '—'),
        fact('Incident id', h('code', {}, inc.incidentId)),
      ),
    );
  }

  function actions(inc) {
    // An agency acknowledges its dispatch once: the summary's acknowledgedBy leaves it out after.
    const allowed = allowedCommands(user, inc.state, inc);
    // Staff may dispatch an OPEN incident in one go: the dispatch dialog acknowledges it first.
    if (allowed.includes('ACKNOWLEDGE') && user.role !== 'AGENCY' && !allowed.includes('DISPATCH')) allowed.splice(1, 0, 'DISPATCH');
    const buttons = allowed.map((type) =>
      h(
        'button',
        {
          type: 'button',
          class: 'btn' + (['ACKNOWLEDGE', 'DISPATCH', 'ARRIVE'].includes(type) ? ' primary' : ''),
          'data-testid': `action-${type}`,
          onclick: async () => {
            const suggested = detail.source ? detail.source.agencyIds || [] : [];
            let candidates = [];
            if (type === 'MERGE') candidates = await api.incidents({ open: true, sourceId: inc.sourceId }).catch(() => []);
            await commands.issue(inc, type, { suggestedAgencies: suggested, candidates });
          },
        },
        commands.COMMAND_LABELS[type] || label(type),
      ),
    );
    return h(
      'div',
      { class: 'action-bar', role: 'toolbar', 'aria-label': 'Incident actions', 'data-testid': 'incident-actions' },
      buttons.length ? buttons : h('span', { class: 'muted' }, `No action is open to you in state ${label(inc.state)}.`),
    );
  }

  await load();
  const reload = debounce(load, 400);
  const unsubscribe = [
    stream.on('incident', (ev) => ev && ev.incidentId === id && reload()),
    stream.on('delivery', (d) => d && d.incidentId === id && reload()),
    stream.on('alert', (a) => detail && a && a.sourceId === detail.incident.sourceId && reload()),
    stream.on('reset', reload),
  ];
  return () => {
    unsubscribe.forEach((u) => u());
    disposeCharts(root);
  };

  function fact(name, value) {
    return h('div', { class: 'fact' }, h('dt', {}, name), h('dd', {}, value));
  }
}

function timelineSection(timeline) {
  const events = [...timeline].sort((a, b) => (a.sequence || 0) - (b.sequence || 0));
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, 'Timeline'),
    h(
      'ol',
      { class: 'timeline', 'data-testid': 'timeline' },
      events.map((ev) =>
        h(
          'li',
          { class: `tl-item tl-${ev.type}`, 'data-event-type': ev.type },
          h('div', { class: 'tl-head' }, h('strong', {}, label(ev.type)), ' ', stateBadge(ev.state), ' ', timeEl(ev.at)),
          h(
            'div',
            { class: 'tl-body' },
            ev.actor ? h('span', { class: 'actor' }, `${ev.actor.userId} (${label(ev.actor.role)}${ev.actor.agencyId ? ' · ' + ev.actor.agencyId : ''})`) : h('span', { class: 'actor muted' }, 'Vigil'),
            ev.type === 'DISPATCHED' && ev.agencyIds && ev.agencyIds.length ? h('span', {}, ` → ${ev.agencyIds.join(', ')}`) : null,
            ev.detail ? h('div', { class: 'tl-detail' + (ev.type === 'COMMAND_REJECTED' || ev.type === 'DELIVERY_FAILED' ? ' bad' : '') }, ev.detail) : null,
            ev.deadline ? h('div', { class: 'muted small' }, 'due ', localDateTime(ev.deadline)) : null,
          ),
        ),
      ),
    ),
  );
}

function evidenceSection(detail) {
  const alerts = detail.alerts || [];
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'evidence-title' },
    h('h2', { id: 'evidence-title' }, 'Alerts and evidence'),
    alerts.length ? alerts.map((a) => alertCard(a, detail)) : h('p', { class: 'muted' }, 'No alerts attached.'),
  );
}

function alertCard(alert, detail) {
  const source = detail.source;
  const videoEvents = new Map((detail.videoEvents || []).map((v) => [v.eventId, v]));
  const complaintsById = new Map((detail.complaints || []).map((c) => [c.complaintId, c]));
  const readings = alert.evidence.filter((e) => e.kind === 'READING');
  const videos = alert.evidence.filter((e) => e.kind === 'VIDEO_EVENT');
  const complaints = alert.evidence.filter((e) => e.kind === 'COMPLAINT');
  const card = h(
    'article',
    { class: `alert-card sev-row-${alert.severity}`, 'data-alert-id': alert.alertId, 'data-alert-type': alert.type },
    h(
      'div',
      { class: 'alert-head' },
      severityBadge(alert.severity),
      ' ',
      h('strong', {}, label(alert.type)),
      ' ',
      h('span', { class: `badge alert-state-${alert.state}` }, label(alert.state)),
      alert.revised ? h('span', { class: 'badge' }, 'revised') : null,
      alert.suppressed ? h('span', { class: 'badge' }, 'suppressed') : null,
      ' ',
      timeEl(alert.eventTime),
    ),
    h('p', { class: 'alert-message' }, alert.message),
    h(
      'dl',
      { class: 'facts small' },
      alert.pollutantCode ? h('div', { class: 'fact' }, h('dt', {}, 'Pollutant'), h('dd', {}, alert.pollutantCode + (alert.outletId ? ` @ ${alert.outletId}` : ''))) : null,
      alert.value !== undefined && alert.value !== null ? valueFact(alert) : null,
      alert.limit !== undefined && alert.limit !== null ? h('div', { class: 'fact' }, h('dt', {}, 'Limit'), h('dd', {}, fmtNumber(alert.limit, 3))) : null,
      alert.dataKind ? h('div', { class: 'fact' }, h('dt', {}, 'Data'), h('dd', {}, label(alert.dataKind))) : null,
      alert.ruleId ? h('div', { class: 'fact' }, h('dt', {}, 'Rule'), h('dd', {}, h('a', { href: `#/rules/${encodeURIComponent(alert.ruleId)}` }, `${alert.ruleId} v${alert.ruleVersion ?? '?'}`))) : null,
      alert.deviceMn ? h('div', { class: 'fact' }, h('dt', {}, 'Device'), h('dd', {}, alert.deviceMn)) : null,
    ),
  );
  if (alert.pollutantCode) card.append(readingsChart(alert, source));
  if (readings.length) {
    card.append(
      h(
        'details',
        { class: 'evidence-list' },
        h('summary', {}, `${readings.length} reading${readings.length > 1 ? 's' : ''} as evidence`),
        h(
          'table',
          { class: 'compact' },
          h('tbody', {}, readings.map((r) => h('tr', {}, h('td', {}, localDateTime(r.time)), h('td', { class: 'num' }, fmtNumber(r.value, 3)), h('td', {}, r.detail || '')))),
        ),
      ),
    );
  }
  for (const v of videos) {
    const event = videoEvents.get(v.ref);
    // Pictures by content hash: from the video event when the server sent it, else any hash
    // the evidence's own text names.
    const hashes = event
      ? (event.pictures || []).map((p) => p.contentHash)
      : [...new Set(((v.detail || '') + ' ' + v.ref).match(SHA256) || [])];
    card.append(
      h(
        'figure',
        { class: 'video-evidence', 'data-testid': 'video-evidence' },
        hashes.length
          ? hashes.map((sha) => {
              const img = h('img', { src: mediaUrl(sha), alt: `Video snapshot: ${(event && event.description) || v.detail || v.ref}`, loading: 'lazy', 'data-testid': 'evidence-picture' });
              img.addEventListener('error', () => img.replaceWith(h('div', { class: 'error-panel small', 'data-testid': 'evidence-picture-missing' }, `The picture ${sha.slice(0, 12)}… could not be loaded from the evidence store.`)));
              return img;
            })
          : h('div', { class: 'muted' }, 'No picture with this event.'),
        h(
          'figcaption',
          {},
          localDateTime(v.time),
          ' — ',
          event ? `${label(event.type)} (${label(event.state)}) by camera ${event.cameraId}${event.description ? ': ' + event.description : ''}` : v.detail || v.ref,
          v.value !== undefined && v.value !== null ? ` (confidence ${Math.round(v.value * 100)} %)` : '',
        ),
      ),
    );
  }
  for (const c of complaints) {
    const complaint = complaintsById.get(c.ref);
    const place = complaint && complaint.place ? [complaint.place.address, complaint.place.street, complaint.place.area].filter(Boolean).join(', ') : '';
    card.append(
      h(
        'blockquote',
        { class: 'complaint', 'data-testid': 'complaint-text' },
        h('p', {}, complaint ? complaint.text : alert.message),
        h(
          'footer',
          {},
          localDateTime(complaint ? complaint.reportedAt : c.time),
          ' — ',
          complaint ? `${label(complaint.category)} complaint by ${label(complaint.channel).toLowerCase()}${place ? ' at ' + place : ''}` : c.detail || '',
          ' · complaint ',
          h('code', {}, c.ref),
        ),
        complaint && (complaint.attachments || []).length
          ? h('div', { class: 'attachments' }, complaint.attachments.filter((a) => /^image\//.test(a.mediaType)).map((a) => h('img', { src: mediaUrl(a.contentHash), alt: 'Photo sent with the complaint', loading: 'lazy', 'data-testid': 'complaint-picture' })))
          : null,
      ),
    );
  }
  return card;
}

/** An alert's value in its own terms: a video's confidence, a complaint's distance, a reading. */
function valueFact(alert) {
  const [name, text] =
    alert.type === 'VIDEO'
      ? ['Confidence', `${Math.round(alert.value * 100)} %`]
      : alert.type === 'COMPLAINT'
        ? ['Distance to source', `${Math.round(alert.value)} m`]
        : ['Value', fmtNumber(alert.value, 3)];
  return h('div', { class: 'fact' }, h('dt', {}, name), h('dd', {}, text));
}

/** The readings of the alert's pollutant from two hours before the event to one hour after. */
function readingsChart(alert, source) {
  const holder = h('div', { class: 'chart-holder' }, h('div', { class: 'muted small' }, 'Loading readings…'));
  const at = new Date(alert.eventTime).getTime();
  const from = new Date(at - 2 * 3600 * 1000).toISOString();
  const to = new Date(Math.min(Date.now(), at + 3600 * 1000)).toISOString();
  const kind = alert.dataKind ? alert.dataKind.toLowerCase() : 'realtime';
  const limit = alert.limit ?? permitLimit(source, alert.outletId, alert.pollutantCode);
  api
    .readings({ sourceId: alert.sourceId, outletId: alert.outletId, pollutant: alert.pollutantCode, from, to, kind })
    .then((r) => {
      const series = (r && r.series) || [];
      const s = series.find((x) => x.pollutant === alert.pollutantCode && (!alert.outletId || !x.outletId || x.outletId === alert.outletId)) || series[0];
      mount(
        holder,
        lineChart({
          title: `${alert.pollutantCode}${alert.outletId ? ' @ ' + alert.outletId : ''} · ${label(kind)}${r && r.interval ? ' · ' + r.interval + ' buckets' : ''}`,
          points: s ? s.points : [],
          limit,
          marker: alert.eventTime,
          markerLabel: 'alert',
          unit: unitOf(source, alert.outletId, alert.pollutantCode),
          testid: 'evidence-chart',
          from,
          to,
        }),
        s && s.points.length ? null : h('div', { class: 'muted small' }, 'No readings stored for this window.'),
      );
    })
    .catch((e) => mount(holder, errorPanel(e, 'Readings')));
  return holder;
}

function permitLimit(source, outletId, pollutant) {
  if (!source) return null;
  const l = (source.permitLimits || []).find((p) => p.pollutantCode === pollutant && (!outletId || p.outletId === outletId));
  return l ? l.limit : null;
}

function unitOf(source, outletId, pollutant) {
  if (!source) return '';
  const l = (source.permitLimits || []).find((p) => p.pollutantCode === pollutant && (!outletId || p.outletId === outletId));
  return l ? l.unit : '';
}

function deliveriesSection(deliveries) {
  // One row per delivery id (incident event × agency × channel), showing its latest step.
  const latest = new Map();
  for (const d of deliveries) {
    const prev = latest.get(d.deliveryId);
    if (!prev || new Date(d.at) >= new Date(prev.at)) latest.set(d.deliveryId, { ...d, steps: (prev ? prev.steps : 0) + 1 });
    else prev.steps += 1;
  }
  const rows = [...latest.values()].sort((a, b) => new Date(b.at) - new Date(a.at));
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'deliveries-title' },
    h('h2', { id: 'deliveries-title' }, 'Deliveries to agencies'),
    rows.length
      ? h(
          'table',
          { class: 'compact', 'data-testid': 'deliveries' },
          h('thead', {}, h('tr', {}, ['Agency', 'Channel', 'Status', 'Attempt', 'When', 'Detail'].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            {},
            rows.map((d) =>
              h(
                'tr',
                { 'data-agency-id': d.agencyId, 'data-outcome': d.outcome },
                h('td', {}, d.agencyId),
                h('td', {}, d.channel),
                h('td', {}, h('span', { class: `badge outcome-${d.outcome}` }, label(d.outcome))),
                h('td', { class: 'num' }, String(d.attempt)),
                h('td', {}, timeEl(d.at)),
                h(
                  'td',
                  {},
                  d.httpStatus ? `HTTP ${d.httpStatus} ` : '',
                  d.error || '',
                  d.nextAttemptAt ? h('span', { class: 'muted' }, ` next try ${localDateTime(d.nextAttemptAt)}`) : '',
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'Nothing dispatched yet.'),
  );
}

function sourceSection(source) {
  if (!source) return null;
  const place = source.place || {};
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'source-title' },
    h('h2', { id: 'source-title' }, 'Source'),
    h(
      'dl',
      { class: 'facts' },
      h('div', { class: 'fact' }, h('dt', {}, 'Name'), h('dd', {}, h('a', { href: `#/source/${encodeURIComponent(source.sourceId)}` }, source.name))),
      h('div', { class: 'fact' }, h('dt', {}, 'Enterprise'), h('dd', {}, source.enterprise || '—')),
      h('div', { class: 'fact' }, h('dt', {}, 'Kind'), h('dd', {}, label(source.kind))),
      h('div', { class: 'fact' }, h('dt', {}, 'Address'), h('dd', {}, [place.address, place.street, place.area].filter(Boolean).join(', ') || '—')),
      h('div', { class: 'fact' }, h('dt', {}, 'Responsible'), h('dd', {}, (source.agencyIds || []).join(', ') || '—')),
    ),
  );
}
