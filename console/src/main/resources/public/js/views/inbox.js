// The agency inbox: the incidents dispatched to the signed-in user's agency, with what the
// agency reports back — acknowledge, arrived on scene, feedback, resolve — and their deadline.
import { api } from '../api.js';
import * as stream from '../stream.js';
import { allowedCommands } from '../lifecycle.js';
import * as commands from '../commands.js';
import { errorPanel } from '../ui.js';
import { h, mount, label, severityBadge, stateBadge, timeEl, deadlineEl, debounce } from '../util.js';
import { byPriorityThenAge } from './wall.js';

const INBOX_COMMANDS = ['ACKNOWLEDGE', 'ARRIVE', 'FEEDBACK', 'RESOLVE'];

export async function render(main, { user }) {
  const showClosed = h('input', { type: 'checkbox', id: 'inbox-show-closed' });
  const tbody = h('tbody');
  mount(
    main,
    h(
      'section',
      { id: 'agency-inbox', class: 'inbox' },
      h(
        'div',
        { class: 'panel-head' },
        h('h1', {}, `Dispatches to ${user.agencyId || 'your agency'}`),
        h('span', { class: 'spacer' }),
        h('label', { class: 'check' }, showClosed, ' Show closed'),
      ),
      h(
        'table',
        { class: 'data-table inbox-table', id: 'inbox-table' },
        h('thead', {}, h('tr', {}, ['Severity', 'Source', 'State', 'Latest', 'Dispatched', 'Due', 'Report back'].map((t) => h('th', { scope: 'col' }, t)))),
        tbody,
      ),
    ),
  );

  async function load() {
    try {
      const list = (await api.incidents(showClosed.checked ? { limit: 200 } : { open: true, limit: 200 })) || [];
      // The server answers an agency user with its own dispatches only.
      const mine = list;
      paint(mine.slice().sort(byPriorityThenAge));
    } catch (e) {
      mount(tbody, h('tr', {}, h('td', { colspan: 7 }, errorPanel(e, 'Dispatches'))));
    }
  }

  function paint(rows) {
    if (!rows.length) {
      mount(tbody, h('tr', { class: 'empty' }, h('td', { colspan: 7 }, 'Nothing dispatched to you right now.')));
      return;
    }
    mount(
      tbody,
      rows.map((i) => {
        const allowed = allowedCommands(user, i.state, i);
        return h(
          'tr',
          { 'data-testid': 'inbox-row', 'data-incident-id': i.incidentId, 'data-state': i.state, 'data-severity': i.severity, class: `sev-row-${i.severity}` },
          h('td', {}, severityBadge(i.severity)),
          h('td', {}, h('a', { href: `#/incident/${encodeURIComponent(i.incidentId)}` }, i.sourceName || i.sourceId)),
          h('td', {}, stateBadge(i.state)),
          h('td', {}, h('span', { class: 'event-type' }, label(i.lastEventType)), i.lastDetail ? h('div', { class: 'detail' }, i.lastDetail) : null),
          h('td', {}, timeEl(i.updatedAt)),
          h('td', {}, deadlineEl(i.deadline)),
          h(
            'td',
            { class: 'actions' },
            INBOX_COMMANDS.map((type) =>
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn small' + (type === 'ACKNOWLEDGE' ? ' primary' : ''),
                  'data-testid': `inbox-${type}`,
                  disabled: !allowed.includes(type),
                  onclick: () => commands.issue(i, type),
                },
                commands.COMMAND_LABELS[type].replace('…', ''),
              ),
            ),
          ),
        );
      }),
    );
  }

  showClosed.addEventListener('change', load);
  await load();
  const reload = debounce(load, 500);
  const offs = [stream.on('incident', reload), stream.on('delivery', reload), stream.on('reset', load)];
  return () => offs.forEach((o) => o());
}
