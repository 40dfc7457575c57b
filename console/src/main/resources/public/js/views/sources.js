// The source registry: every source with its status, and (for environmental staff and admins)
// the CSV import of docs/console-api.md, all-or-nothing, with each wrong line reported.
import { api } from '../api.js';
import { loadSources, onSourcesChanged } from '../store.js';
import { errorPanel, showError, toast, confirmDialog, openDialog, field } from '../ui.js';
import { h, mount, label, statusBadge, timeEl, SOURCE_STATUSES } from '../util.js';

export const CSV_HEADER = 'sourceId,name,enterprise,kind,lat,lon,address,street,groups,outletId,outletName,outletKind,mn,password,intervalSeconds,pollutant,limit,unit';

export function mayWrite(user) {
  return user.role === 'ENV_STAFF' || user.role === 'ADMIN';
}

const KINDS = ['WATER', 'AIR', 'NOISE', 'DUST', 'OTHER'];
const list = (text) => text.split(',').map((x) => x.trim()).filter(Boolean);

/**
 * Creates a source (existing = null) or edits one's identity, place, groups and agencies; outlets,
 * devices and limits come through the CSV import. Resolves with the saved source, or null.
 */
export async function sourceDialog(existing) {
  const s = existing || { sourceId: '', name: '', kind: 'WATER', place: {}, groups: [], agencyIds: [], outlets: [], devices: [], cameras: [], permitLimits: [] };
  const place = s.place || {};
  const loc = place.location || {};
  const f = {
    sourceId: h('input', { name: 'sourceId', id: 'source-sourceId', value: s.sourceId, disabled: !!existing, required: true }),
    name: h('input', { name: 'name', id: 'source-name', value: s.name, required: true }),
    enterprise: h('input', { name: 'enterprise', id: 'source-enterprise', value: s.enterprise || '' }),
    kind: h('select', { name: 'kind', id: 'source-kind' }, KINDS.map((k) => h('option', { value: k, selected: k === s.kind }, label(k)))),
    lat: h('input', { name: 'place.location.lat', id: 'source-lat', type: 'number', step: 'any', value: loc.lat ?? '' }),
    lon: h('input', { name: 'place.location.lon', id: 'source-lon', type: 'number', step: 'any', value: loc.lon ?? '' }),
    address: h('input', { name: 'place.address', id: 'source-address', value: place.address || '' }),
    street: h('input', { name: 'place.street', id: 'source-street', value: place.street || '' }),
    area: h('input', { name: 'place.area', id: 'source-area', value: place.area || '' }),
    groups: h('input', { name: 'groups', id: 'source-groups', value: (s.groups || []).join(', ') }),
    agencyIds: h('input', { name: 'agencyIds', id: 'source-agencyIds', value: (s.agencyIds || []).join(', ') }),
  };
  let saved = null;
  const ok = await openDialog({
    title: existing ? `Edit ${s.name}` : 'New source',
    testid: 'source-dialog',
    submitLabel: existing ? 'Save' : 'Create',
    wide: true,
    body: h(
      'div',
      { class: 'form-grid dialog-grid' },
      field('Source id', f.sourceId),
      field('Name', f.name),
      field('Enterprise', f.enterprise),
      field('Kind', f.kind),
      field('Latitude (WGS 84)', f.lat),
      field('Longitude (WGS 84)', f.lon),
      field('Address', f.address),
      field('Street office', f.street),
      field('Area', f.area),
      field('Groups (comma separated)', f.groups, { hint: 'group rules target these' }),
      field('Responsible agencies (ids, comma separated)', f.agencyIds),
    ),
    onSubmit: async () => {
      const lat = f.lat.value === '' ? null : Number(f.lat.value);
      const lon = f.lon.value === '' ? null : Number(f.lon.value);
      if ((lat === null) !== (lon === null)) throw { detail: 'Latitude and longitude go together.', field: lat === null ? 'place.location.lat' : 'place.location.lon' };
      const body = {
        ...s,
        sourceId: f.sourceId.value.trim(),
        name: f.name.value.trim(),
        enterprise: f.enterprise.value.trim() || null,
        kind: f.kind.value,
        place: {
          address: f.address.value.trim() || null,
          location: lat === null ? null : { lat, lon },
          area: f.area.value.trim() || null,
          street: f.street.value.trim() || null,
        },
        groups: list(f.groups.value),
        agencyIds: list(f.agencyIds.value),
      };
      if (!body.sourceId) throw { detail: 'A source needs an id.', field: 'sourceId' };
      if (!body.name) throw { detail: 'A source needs a name.', field: 'name' };
      try {
        saved = existing ? await api.updateSource(body, existing.version) : await api.createSource(body);
      } catch (e) {
        if (e.status === 409) e.detail = `Someone else changed this source meanwhile (${e.detail}). Close and reopen it to see their version.`;
        throw e;
      }
    },
  });
  if (ok && saved) toast(`${saved.name || 'Source'} saved`, 'ok');
  return ok ? saved : null;
}

export async function render(main, { user }) {
  const filter = h('input', { type: 'search', id: 'sources-filter', placeholder: 'Filter by name, id, enterprise, street…', 'aria-label': 'Filter sources' });
  const statusFilter = h('select', { id: 'sources-status', 'aria-label': 'Status' }, h('option', { value: '' }, 'Any status'), SOURCE_STATUSES.map((s) => h('option', { value: s }, label(s))));
  const tbody = h('tbody');
  const count = h('span', { class: 'muted small' });
  const section = h(
    'section',
    { class: 'sources-view' },
    h(
      'div',
      { class: 'panel-head' },
      h('h1', {}, 'Source registry'),
      count,
      h('span', { class: 'spacer' }),
      statusFilter,
      filter,
      mayWrite(user)
        ? h('button', { type: 'button', class: 'btn primary', id: 'source-new', onclick: async () => { if (await sourceDialog(null)) { entries = await loadSources(true); paint(); } } }, 'New source')
        : null,
    ),
    h(
      'table',
      { id: 'sources-table', class: 'data-table' },
      h('thead', {}, h('tr', {}, ['Status', 'Source', 'Enterprise', 'Kind', 'Street', 'Outlets', 'Devices', 'Open alerts', 'Last report', mayWrite(user) ? '' : null].filter((t) => t !== null).map((t) => h('th', { scope: 'col' }, t)))),
      tbody,
    ),
    mayWrite(user) ? importPanel() : null,
  );
  mount(main, section);
  let entries = [];

  function paint() {
    const q = filter.value.trim().toLowerCase();
    const st = statusFilter.value;
    const shown = entries
      .filter((e) => (!st || e.status === st) && (!q || JSON.stringify([e.source.sourceId, e.source.name, e.source.enterprise, e.source.place]).toLowerCase().includes(q)))
      .sort((a, b) => a.source.sourceId.localeCompare(b.source.sourceId));
    count.textContent = `${shown.length} of ${entries.length}`;
    mount(
      tbody,
      shown.map((e) => {
        const s = e.source;
        return h(
          'tr',
          { 'data-source-id': s.sourceId, 'data-status': e.status },
          h('td', {}, statusBadge(e.status)),
          h('td', {}, h('a', { href: `#/source/${encodeURIComponent(s.sourceId)}` }, s.name), h('div', { class: 'muted small' }, s.sourceId)),
          h('td', {}, s.enterprise || '—'),
          h('td', {}, label(s.kind)),
          h('td', {}, (s.place && s.place.street) || '—'),
          h('td', { class: 'num' }, String((s.outlets || []).length)),
          h('td', { class: 'num' }, String((s.devices || []).length)),
          h('td', { class: 'num' }, String(e.openAlerts ?? 0)),
          h('td', {}, timeEl(e.lastReportAt)),
          mayWrite(user)
            ? h('td', {}, s.retired ? h('span', { class: 'muted' }, 'retired') : h('button', { type: 'button', class: 'btn small', 'data-testid': 'source-retire', onclick: () => retire(s) }, 'Retire'))
            : null,
        );
      }),
    );
  }

  async function retire(s) {
    if (!(await confirmDialog(`Retire ${s.name}?`, 'It is no longer monitored; its history is kept.', 'Retire'))) return;
    try {
      await api.retireSource(s.sourceId);
      toast(`${s.name} retired`, 'ok');
      entries = await loadSources(true);
      paint();
    } catch (e) {
      showError(e, 'Not retired');
    }
  }

  filter.addEventListener('input', paint);
  statusFilter.addEventListener('change', paint);
  try {
    entries = await loadSources(true);
    paint();
  } catch (e) {
    mount(tbody, h('tr', {}, h('td', { colspan: 10 }, errorPanel(e, 'Sources'))));
  }
  return onSourcesChanged((list) => {
    entries = list;
    paint();
  });

  function importPanel() {
    const text = h('textarea', { id: 'import-csv', rows: 8, spellcheck: 'false', placeholder: CSV_HEADER + '\n…' });
    const file = h('input', { id: 'import-file', type: 'file', accept: '.csv,text/csv' });
    const result = h('div', { 'data-testid': 'import-result', 'aria-live': 'polite' });
    const submit = h('button', { type: 'button', class: 'btn primary', id: 'import-submit' }, 'Import');
    file.addEventListener('change', async () => {
      if (file.files[0]) text.value = await file.files[0].text();
    });
    submit.addEventListener('click', async () => {
      const csv = text.value.trim();
      if (!csv) {
        mount(result, h('p', { class: 'field-error' }, 'Paste CSV or choose a file first.'));
        return;
      }
      submit.disabled = true;
      mount(result, h('p', { class: 'muted' }, 'Importing…'));
      try {
        const r = await api.importSources(csv + '\n');
        const errors = (r && r.errors) || [];
        mount(
          result,
          errors.length
            ? h(
                'div',
                { class: 'error-panel' },
                h('strong', {}, `Nothing imported: ${errors.length} line${errors.length > 1 ? 's are' : ' is'} wrong.`),
                h('table', { class: 'compact' }, h('thead', {}, h('tr', {}, h('th', {}, 'Line'), h('th', {}, 'Field'), h('th', {}, 'Problem'))), h('tbody', {}, errors.map((e) => h('tr', { 'data-line': e.line }, h('td', { class: 'num' }, String(e.line)), h('td', {}, e.field || ''), h('td', {}, e.detail))))),
              )
            : h('p', { class: 'ok-panel' }, `Imported: ${r.created} created, ${r.updated} updated.`),
        );
        if (!errors.length) {
          entries = await loadSources(true);
          paint();
        }
      } catch (e) {
        mount(result, errorPanel(e, 'Import failed'));
      } finally {
        submit.disabled = false;
      }
    });
    return h(
      'section',
      { class: 'panel import-panel', 'aria-labelledby': 'import-title' },
      h('h2', { id: 'import-title' }, 'Import sources from CSV'),
      h('p', { class: 'small' }, 'One row per outlet, device and limit; rows of one source are merged; groups are separated by “;”; limits are hourly limits; an empty password keeps a device’s password. Nothing is saved when any line is wrong. Header:'),
      h('pre', { class: 'csv-header' }, CSV_HEADER),
      h('div', { class: 'field' }, h('label', { for: 'import-file' }, 'CSV file'), file),
      h('div', { class: 'field' }, h('label', { for: 'import-csv' }, 'or paste it here'), text),
      submit,
      result,
    );
  }
}
