// KPIs over a chosen period: per agency, acknowledgement and feedback on-time rates and SLA
// breaches; per source, exceedance hours, data completeness and time offline.
import { api } from '../api.js';
import { errorPanel } from '../ui.js';
import { h, mount, fmtNumber, fmtPercent } from '../util.js';

const PERIODS = [
  ['24h', 86400e3, 'Last 24 hours'],
  ['7d', 7 * 86400e3, 'Last 7 days'],
  ['30d', 30 * 86400e3, 'Last 30 days'],
];

function rateCell(rate) {
  if (rate === null || rate === undefined) return h('td', { class: 'num muted' }, '—');
  const r = Number(rate);
  const cls = r >= 0.95 ? 'good' : r >= 0.8 ? 'warn' : 'bad';
  return h('td', { class: `num rate ${cls}` }, h('div', { class: 'bar' }, h('div', { class: `bar-fill ${cls}`, style: { width: `${Math.round(r * 100)}%` } }), h('span', { class: 'bar-text' }, fmtPercent(r))));
}

export async function render(main, { query }) {
  const period = h('select', { id: 'kpi-period', 'aria-label': 'Period' }, PERIODS.map(([k, , t]) => h('option', { value: k, selected: k === (query.get('period') || '7d') }, t)));
  const agencies = h('div');
  const sources = h('div');
  const range = h('span', { class: 'muted small' });
  mount(
    main,
    h(
      'section',
      { class: 'kpis-view' },
      h('div', { class: 'panel-head' }, h('h1', {}, 'KPIs'), range, h('span', { class: 'spacer' }), period),
      h('section', { class: 'panel' }, h('h2', {}, 'Agencies — on-time rates'), agencies),
      h('section', { class: 'panel' }, h('h2', {}, 'Sources — exceedances, completeness, offline'), sources),
    ),
  );
  async function load() {
    const ms = PERIODS.find(([k]) => k === period.value)[1];
    const to = new Date();
    const from = new Date(to.getTime() - ms);
    range.textContent = `${from.toLocaleString()} – ${to.toLocaleString()}`;
    try {
      const k = (await api.kpis({ from: from.toISOString(), to: to.toISOString() })) || {};
      const a = k.agencies || [];
      mount(
        agencies,
        a.length
          ? h(
              'table',
              { id: 'kpi-agencies', class: 'data-table' },
              h('thead', {}, h('tr', {}, ['Agency', 'Dispatches', 'Acknowledged', 'On time', 'Ack on-time rate', 'Feedback', 'On time', 'Feedback on-time rate', 'SLA breaches'].map((t) => h('th', { scope: 'col' }, t)))),
              h(
                'tbody',
                {},
                a.map((r) =>
                  h(
                    'tr',
                    { 'data-agency-id': r.agencyId },
                    h('th', { scope: 'row' }, r.agencyId),
                    h('td', { class: 'num' }, String(r.dispatches)),
                    h('td', { class: 'num' }, String(r.acknowledged)),
                    h('td', { class: 'num' }, String(r.acknowledgedOnTime)),
                    rateCell(r.ackOnTimeRate),
                    h('td', { class: 'num' }, String(r.feedback)),
                    h('td', { class: 'num' }, String(r.feedbackOnTime)),
                    rateCell(r.feedbackOnTimeRate),
                    h('td', { class: 'num' + (r.slaBreaches ? ' bad' : '') }, String(r.slaBreaches)),
                  ),
                ),
              ),
            )
          : h('p', { class: 'muted' }, 'No dispatches in this period.'),
      );
      const s = (k.sources || []).slice().sort((x, y) => (y.exceedanceHours || 0) - (x.exceedanceHours || 0) || (x.completeness ?? 1) - (y.completeness ?? 1));
      mount(
        sources,
        s.length
          ? h(
              'table',
              { id: 'kpi-sources', class: 'data-table' },
              h('thead', {}, h('tr', {}, ['Source', 'Exceedance hours', 'Completeness', 'Offline'].map((t) => h('th', { scope: 'col' }, t)))),
              h(
                'tbody',
                {},
                s.map((r) =>
                  h(
                    'tr',
                    { 'data-source-id': r.sourceId },
                    h('th', { scope: 'row' }, h('a', { href: `#/source/${encodeURIComponent(r.sourceId)}` }, r.name || r.sourceId), h('div', { class: 'muted small' }, r.sourceId)),
                    h('td', { class: 'num' + (r.exceedanceHours > 0 ? ' bad' : '') }, fmtNumber(r.exceedanceHours, 1)),
                    rateCell(r.completeness),
                    h('td', { class: 'num' }, `${fmtNumber(r.offlineMinutes, 0)} min`),
                  ),
                ),
              ),
            )
          : h('p', { class: 'muted' }, 'No source figures in this period.'),
      );
    } catch (e) {
      mount(agencies, errorPanel(e, 'KPIs'));
      mount(sources);
    }
  }
  period.addEventListener('change', load);
  await load();
}
