// Admin: the audit log, newest first, filtered by user, action, outcome and time.
import { api } from '../api.js';
import { errorPanel } from '../ui.js';
import { h, mount, label, timeEl, fromLocalInput, toLocalInput } from '../util.js';

export async function render(main, { query }) {
  const user = h('input', { id: 'audit-user', name: 'user', value: query.get('user') || '', autocomplete: 'off' });
  const action = h('input', { id: 'audit-action', name: 'action', value: query.get('action') || '', placeholder: 'e.g. sign-in, rule.update', autocomplete: 'off' });
  const outcome = h('select', { id: 'audit-outcome', name: 'outcome' }, ['', 'SUCCESS', 'DENIED', 'FAILED'].map((o) => h('option', { value: o }, o ? label(o) : 'Any')));
  const from = h('input', { id: 'audit-from', name: 'from', type: 'datetime-local', value: toLocalInput(Date.now() - 86400e3) });
  const to = h('input', { id: 'audit-to', name: 'to', type: 'datetime-local' });
  const limit = h('select', { id: 'audit-limit', name: 'limit' }, ['100', '500', '2000'].map((n) => h('option', { value: n }, n)));
  const lbl = (text, el) => h('label', { class: 'stack' }, h('span', {}, text), el);
  const form = h(
    'form',
    { id: 'audit-filters', class: 'filters' },
    lbl('User', user),
    lbl('Action', action),
    lbl('Outcome', outcome),
    lbl('From', from),
    lbl('To', to),
    lbl('Rows', limit),
    h('button', { type: 'submit', class: 'btn primary', id: 'audit-apply' }, 'Apply'),
  );
  const tbody = h('tbody');
  const count = h('p', { class: 'muted small', 'aria-live': 'polite' });
  mount(
    main,
    h(
      'section',
      { class: 'audit-view' },
      h('h1', {}, 'Audit log'),
      form,
      count,
      h('table', { id: 'audit-table', class: 'data-table' }, h('thead', {}, h('tr', {}, ['When', 'User', 'Role', 'Action', 'Target', 'Outcome', 'Detail', 'From'].map((t) => h('th', { scope: 'col' }, t)))), tbody),
    ),
  );
  async function load() {
    try {
      const rows =
        (await api.audit({
          user: user.value.trim(),
          action: action.value.trim(),
          outcome: outcome.value,
          from: fromLocalInput(from.value),
          to: fromLocalInput(to.value),
          limit: limit.value,
        })) || [];
      count.textContent = `${rows.length} entries`;
      mount(
        tbody,
        rows.map((a) =>
          h(
            'tr',
            { 'data-audit-id': a.auditId, 'data-outcome': a.outcome },
            h('td', {}, timeEl(a.at)),
            h('td', {}, a.username),
            h('td', {}, label(a.role) + (a.agencyId ? ` · ${a.agencyId}` : '')),
            h('td', {}, h('code', {}, a.action)),
            h('td', {}, a.target || ''),
            h('td', {}, h('span', { class: `badge outcome-${a.outcome}` }, label(a.outcome))),
            h('td', { class: 'detail' }, a.detail || ''),
            h('td', { class: 'muted' }, a.remoteAddress || ''),
          ),
        ),
      );
    } catch (e) {
      count.textContent = '';
      mount(tbody, h('tr', {}, h('td', { colspan: 8 }, errorPanel(e, 'Audit log'))));
    }
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  await load();
}
