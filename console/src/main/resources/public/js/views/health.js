// System health: GET /api/health (200 when all is up, 503 with what is down), every 5 s.
import { h, mount, timeEl } from '../util.js';

export async function render(main) {
  const overall = h('span', { id: 'health-overall', class: 'badge' }, 'checking…');
  const at = h('span', { class: 'muted small' });
  const tbody = h('tbody');
  mount(
    main,
    h(
      'section',
      { id: 'health-view', class: 'health-view' },
      h('div', { class: 'panel-head' }, h('h1', {}, 'System health'), overall, at),
      h('table', { id: 'health-components', class: 'data-table' }, h('thead', {}, h('tr', {}, ['Component', 'State', 'Detail'].map((t) => h('th', { scope: 'col' }, t)))), tbody),
    ),
  );
  async function refresh() {
    try {
      const res = await fetch('/api/health', { headers: { Accept: 'application/json' } });
      const report = await res.json();
      overall.textContent = report.status;
      overall.className = `badge health-${report.status}`;
      overall.dataset.status = report.status;
      mount(at, 'checked ', timeEl(report.checkedAt));
      const rows = [];
      for (const [name, c] of Object.entries(report.components || {})) {
        rows.push(h('tr', { 'data-component': name }, h('th', { scope: 'row' }, name), h('td', {}, h('span', { class: `badge health-${c.status}` }, c.status)), h('td', {}, c.detail || '')));
        for (const job of c.jobs || []) {
          const up = job.state === 'RUNNING';
          rows.push(h('tr', { class: 'sub' }, h('td', {}, `job ${job.name}`), h('td', {}, h('span', { class: `badge health-${up ? 'UP' : 'DOWN'}` }, job.state)), h('td', {})));
        }
      }
      mount(tbody, rows);
    } catch (e) {
      overall.textContent = 'console unreachable';
      overall.className = 'badge health-DOWN';
      overall.dataset.status = 'UNREACHABLE';
    }
  }
  await refresh();
  const timer = setInterval(refresh, 5000);
  return () => clearInterval(timer);
}
