// One source: status, live values against their limits, charts over a chosen range, its
// devices and whether they report on time, data completeness, open alerts.
import { api } from '../api.js';
import * as stream from '../stream.js';
import { lineChart, disposeCharts } from '../charts.js';
import { errorPanel } from '../ui.js';
import { mayWrite, sourceDialog } from './sources.js';
import { h, mount, label, statusBadge, severityBadge, timeEl, fmtNumber, fmtPercent, durationSeconds, humanDuration, debounce } from '../util.js';

const RANGES = [
  { key: '1h', ms: 3600e3, kind: 'realtime' },
  { key: '6h', ms: 6 * 3600e3, kind: 'realtime' },
  { key: '24h', ms: 24 * 3600e3, kind: 'minute' },
  { key: '7d', ms: 7 * 86400e3, kind: 'hourly' },
  { key: '30d', ms: 30 * 86400e3, kind: 'daily' },
];

export async function render(main, { user, args, query }) {
  const id = args[0];
  const root = h('section', { id: 'source-view', class: 'source-view', 'data-source-id': id }, h('p', { class: 'muted' }, 'Loading…'));
  mount(main, root);
  let range = RANGES.find((r) => r.key === query.get('range')) || RANGES[1];
  let kind = query.get('kind') || range.kind;
  let entry = null;
  const charts = h('div', { class: 'chart-grid' });
  const completeness = h('div', { 'data-testid': 'completeness' });

  async function load() {
    try {
      entry = await api.source(id);
      paint();
    } catch (e) {
      mount(root, h('p', {}, h('a', { href: '#/map' }, '← Map')), errorPanel(e, `Source ${id}`));
    }
  }

  function paint() {
    const s = entry.source;
    document.title = `${s.name} — Vigil`;
    const place = s.place || {};
    mount(
      root,
      h(
        'header',
        { class: 'source-header' },
        h('div', { class: 'crumbs' }, h('a', { href: '#/map' }, '← Map'), ' · ', h('a', { href: '#/sources' }, 'Sources')),
        h(
          'h1',
          {},
          statusBadge(entry.status),
          ' ',
          s.name,
          ' ',
          h('span', { class: 'muted' }, s.sourceId),
          mayWrite(user) ? h('button', { type: 'button', class: 'btn small', id: 'source-edit', onclick: async () => (await sourceDialog(s)) && load() }, 'Edit…') : null,
        ),
        h(
          'dl',
          { class: 'facts' },
          fact('Enterprise', s.enterprise || '—'),
          fact('Kind', label(s.kind)),
          fact('Address', [place.address, place.street, place.area].filter(Boolean).join(', ') || '—'),
          fact('Location', place.location ? `${place.location.lat.toFixed(4)}, ${place.location.lon.toFixed(4)}` : '—'),
          fact('Groups', (s.groups || []).join(', ') || '—'),
          fact('Agencies', (s.agencyIds || []).join(', ') || '—'),
          fact('Last report', timeEl(entry.lastReportAt)),
          fact('Open alerts', String(entry.openAlerts ?? 0)),
        ),
      ),
      h(
        'div',
        { class: 'source-grid' },
        h('div', { class: 'col' }, latestPanel(entry), alertsPanel(entry.alerts || [])),
        h('div', { class: 'col' }, devicesPanel(entry), h('section', { class: 'panel' }, h('h2', {}, 'Data completeness'), completeness)),
      ),
      h('section', { class: 'panel' }, h('div', { class: 'panel-head' }, h('h2', {}, 'Readings'), rangePicker()), charts),
    );
    loadCharts();
    loadCompleteness();
  }

  function rangePicker() {
    const kindSelect = h(
      'select',
      { id: 'source-kind', 'aria-label': 'Kind of values' },
      ['realtime', 'minute', 'hourly', 'daily'].map((k) => h('option', { value: k, selected: k === kind }, label(k))),
    );
    kindSelect.addEventListener('change', () => {
      kind = kindSelect.value;
      loadCharts();
    });
    return h(
      'div',
      { class: 'range-picker', role: 'group', 'aria-label': 'Time range' },
      RANGES.map((r) =>
        h(
          'button',
          {
            type: 'button',
            class: 'btn small' + (r === range ? ' active' : ''),
            'aria-pressed': String(r === range),
            'data-testid': `range-${r.key}`,
            onclick: (e) => {
              range = r;
              kind = r.kind;
              kindSelect.value = kind;
              for (const b of e.target.parentNode.querySelectorAll('button')) {
                const on = b === e.target;
                b.classList.toggle('active', on);
                b.setAttribute('aria-pressed', String(on));
              }
              loadCharts();
              loadCompleteness();
            },
          },
          r.key,
        ),
      ),
      kindSelect,
    );
  }

  async function loadCharts() {
    disposeCharts(charts);
    mount(charts, h('p', { class: 'muted' }, 'Loading readings…'));
    const to = new Date();
    const from = new Date(to.getTime() - range.ms);
    try {
      const r = await api.readings({ sourceId: id, from: from.toISOString(), to: to.toISOString(), kind });
      const series = (r && r.series) || [];
      disposeCharts(charts);
      if (!series.length) {
        mount(charts, h('p', { class: 'muted' }, `No ${label(kind).toLowerCase()} readings in the last ${range.key}.`));
        return;
      }
      const s = entry.source;
      mount(
        charts,
        series
          .slice()
          .sort((a, b) => String(a.outletId).localeCompare(String(b.outletId)) || a.pollutant.localeCompare(b.pollutant))
          .map((x) => {
            const lim = (s.permitLimits || []).find((p) => p.pollutantCode === x.pollutant && (!x.outletId || p.outletId === x.outletId));
            return lineChart({
              title: `${x.pollutant}${x.outletId ? ' @ ' + x.outletId : ''}${r.interval ? ' · ' + r.interval : ''}`,
              points: x.points,
              limit: lim ? lim.limit : null,
              unit: lim ? lim.unit : '',
              height: 200,
              testid: 'source-chart',
            });
          }),
      );
    } catch (e) {
      mount(charts, errorPanel(e, 'Readings'));
    }
  }

  async function loadCompleteness() {
    const to = new Date();
    const from = new Date(to.getTime() - Math.max(range.ms, 86400e3));
    try {
      const k = await api.kpis({ from: from.toISOString(), to: to.toISOString() });
      const row = ((k && k.sources) || []).find((x) => x.sourceId === id);
      if (!row) {
        mount(completeness, h('p', { class: 'muted' }, 'No figures for this source in the range.'));
        return;
      }
      const pct = Number(row.completeness);
      mount(
        completeness,
        h('div', { class: 'meter', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(pct * 100), 'aria-label': 'Data completeness' }, h('div', { class: 'meter-fill' + (pct < 0.9 ? ' low' : ''), style: { width: `${Math.max(0, Math.min(100, pct * 100))}%` } })),
        h(
          'dl',
          { class: 'facts' },
          fact('Completeness', fmtPercent(row.completeness)),
          fact('Exceedance hours', fmtNumber(row.exceedanceHours, 1)),
          fact('Offline', `${fmtNumber(row.offlineMinutes, 0)} min`),
          fact('Over', `${from.toLocaleString()} – now`),
        ),
      );
    } catch (e) {
      mount(completeness, errorPanel(e, 'Completeness'));
    }
  }

  await load();
  const reload = debounce(load, 1000);
  const unsubscribe = [
    stream.on('alert', (a) => a && a.sourceId === id && reload()),
    stream.on('source', (s) => s && s.sourceId === id && reload()),
  ];
  // Live values: the stream carries alerts, not readings, so the latest values are polled.
  const poll = setInterval(async () => {
    try {
      const fresh = await api.source(id);
      entry = fresh;
      const panel = root.querySelector('[data-testid="latest-values"]');
      if (panel) panel.replaceWith(latestTable(fresh));
    } catch {
      // The next poll tries again; a lasting failure shows on the next full load.
    }
  }, 30000);
  return () => {
    clearInterval(poll);
    unsubscribe.forEach((u) => u());
    disposeCharts(root);
  };
}

function fact(name, value) {
  return h('div', { class: 'fact' }, h('dt', {}, name), h('dd', {}, value));
}

function latestPanel(entry) {
  return h('section', { class: 'panel' }, h('h2', {}, 'Live values'), latestTable(entry));
}

function latestTable(entry) {
  const latest = entry.latest || {};
  const keys = Object.keys(latest).sort();
  if (!keys.length) return h('p', { class: 'muted', 'data-testid': 'latest-values' }, 'No values received yet.');
  const units = new Map((entry.source.permitLimits || []).map((p) => [p.pollutantCode, p.unit]));
  return h(
    'table',
    { class: 'compact latest', 'data-testid': 'latest-values' },
    h('thead', {}, h('tr', {}, ['Pollutant', 'Value', 'Limit', 'Of limit', 'Flag', 'At'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      keys.map((k) => {
        const v = latest[k] || {};
        const ratio = v.limit ? Number(v.value) / Number(v.limit) : null;
        const level = ratio === null ? '' : ratio > 1 ? 'over' : ratio > 0.8 ? 'near' : 'ok';
        return h(
          'tr',
          { 'data-pollutant': k, class: `level-${level}` },
          h('th', { scope: 'row' }, k),
          h('td', { class: 'num' }, fmtNumber(v.value, 3), ' ', h('span', { class: 'muted' }, units.get(k.split('/').pop()) || '')),
          h('td', { class: 'num' }, v.limit ? fmtNumber(v.limit, 3) : '—'),
          h(
            'td',
            { class: 'ratio' },
            ratio === null
              ? '—'
              : h(
                  'div',
                  { class: 'bar', title: `${Math.round(ratio * 100)} % of the limit` },
                  h('div', { class: `bar-fill ${level}`, style: { width: `${Math.min(100, ratio * 100)}%` } }),
                  h('span', { class: 'bar-text' }, `${Math.round(ratio * 100)} %${level === 'over' ? ' OVER' : ''}`),
                ),
          ),
          h('td', {}, v.flag ? h('span', { class: 'badge', title: flagMeaning(v.flag) }, `${v.flag} ${flagMeaning(v.flag)}`) : '—'),
          h('td', {}, timeEl(v.at)),
        );
      }),
    ),
  );
}

function flagMeaning(flag) {
  return { N: 'normal', T: 'over range', F: 'stopped', M: 'maintenance', C: 'calibration', S: 'manual', D: 'fault', B: 'comm. fault' }[flag] || '';
}

function devicesPanel(entry) {
  const s = entry.source;
  const last = entry.lastReportAt ? new Date(entry.lastReportAt).getTime() : null;
  return h(
    'section',
    { class: 'panel' },
    h('h2', {}, 'Devices'),
    (s.devices || []).length
      ? h(
          'table',
          { class: 'compact', 'data-testid': 'devices' },
          h('thead', {}, h('tr', {}, ['MN', 'Outlet', 'Protocol', 'Interval', 'Status'].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            {},
            s.devices.map((d) => {
              const interval = durationSeconds(d.realtimeInterval) || 30;
              let st = 'never heard from';
              let cls = 'bad';
              if (entry.status === 'MAINTENANCE') {
                st = 'maintenance';
                cls = 'info';
              } else if (entry.status === 'OFFLINE') {
                st = 'offline';
              } else if (last) {
                const silent = (Date.now() - last) / 1000;
                st = silent <= 2 * interval ? 'reporting' : `silent ${Math.round(silent / 60)} min`;
                cls = silent <= 2 * interval ? 'good' : 'warn';
              }
              return h(
                'tr',
                { 'data-mn': d.mn },
                h('td', {}, h('code', {}, d.mn)),
                h('td', {}, d.outletId || '—'),
                h('td', {}, d.protocol),
                h('td', {}, humanDuration(d.realtimeInterval)),
                h('td', {}, h('span', { class: `badge device-${cls}` }, st)),
              );
            }),
          ),
        )
      : h('p', { class: 'muted' }, 'No data loggers registered.'),
    (s.cameras || []).length ? h('p', { class: 'small' }, 'Cameras: ', s.cameras.map((c) => `${c.name} (${c.cameraId})`).join(', ')) : null,
    (s.permitLimits || []).length
      ? h(
          'details',
          {},
          h('summary', {}, `${s.permitLimits.length} permit limits`),
          h('table', { class: 'compact' }, h('tbody', {}, s.permitLimits.map((p) => h('tr', {}, h('td', {}, p.outletId), h('td', {}, p.pollutantCode), h('td', { class: 'num' }, fmtNumber(p.limit, 3)), h('td', {}, p.unit), h('td', {}, label(p.dataKind)))))),
        )
      : null,
  );
}

function alertsPanel(alerts) {
  return h(
    'section',
    { class: 'panel' },
    h('h2', {}, 'Open alerts'),
    alerts.length
      ? h(
          'ul',
          { class: 'plain alert-list' },
          alerts.map((a) => h('li', { 'data-alert-id': a.alertId }, severityBadge(a.severity), ' ', h('strong', {}, label(a.type)), ' ', a.message, ' ', timeEl(a.eventTime))),
        )
      : h('p', { class: 'muted' }, 'None.'),
  );
}
