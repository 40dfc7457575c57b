// The map: every source at its place, coloured and labelled by status, over an offline basemap
// (the district outline, river and main roads shipped as GeoJSON; no tile server). Clicking a
// source opens it.
import { loadSources, onSourcesChanged } from '../store.js';
import { errorPanel } from '../ui.js';
import { h, mount, label, relative } from '../util.js';

export const STATUS_COLORS = {
  NORMAL: '#3ecf6e',
  WARNING: '#f6c343',
  ALARM: '#ff4d4f',
  OFFLINE: '#8c8c8c',
  MAINTENANCE: '#4fa3ff',
  RETIRED: '#555c66',
};
const STATUS_ORDER = ['ALARM', 'WARNING', 'OFFLINE', 'MAINTENANCE', 'NORMAL', 'RETIRED'];
const CENTER = [30.275, 120.51];

let basemap = null;

async function loadBasemap() {
  if (!basemap) basemap = fetch('/geo/district.geojson').then((r) => (r.ok ? r.json() : null)).catch(() => null);
  return basemap;
}

export async function render(main, { navigate }) {
  const mapEl = h('div', { id: 'map', class: 'map', 'data-testid': 'map', role: 'region', 'aria-label': 'Map of sources' });
  const legend = h('div', { class: 'map-legend', 'data-testid': 'map-legend' });
  const list = h('div', { class: 'map-list', 'aria-label': 'Sources needing attention' });
  const info = h('div', { class: 'map-info muted small' });
  mount(main, h('section', { class: 'map-view' }, h('div', { class: 'map-wrap' }, mapEl, legend), h('aside', { class: 'map-side' }, h('h2', {}, 'Needing attention'), info, list)));

  if (!window.L) {
    mount(mapEl, errorPanel({ detail: 'Leaflet did not load.' }, 'Map'));
    return;
  }
  const L = window.L;
  const map = L.map(mapEl, { zoomControl: true, attributionControl: false, preferCanvas: false, minZoom: 10, maxZoom: 18 }).setView(CENTER, 13);
  let districtBounds = null;
  const fit = () => {
    map.invalidateSize();
    if (districtBounds) map.fitBounds(districtBounds, { padding: [12, 12] });
  };
  const geo = await loadBasemap();
  if (geo) {
    const layer = L.geoJSON(geo, {
      style: (f) => {
        const k = f.properties.kind;
        if (k === 'district') return { color: '#6b7a99', weight: 2, fillColor: '#1a2231', fillOpacity: 0.6, dashArray: '6 4' };
        if (k === 'river') return { color: '#2a6fb0', weight: 9, opacity: 0.7 };
        return { color: '#3b475c', weight: 3, opacity: 0.9 };
      },
      pointToLayer: (f, latlng) =>
        L.marker(latlng, {
          interactive: false,
          keyboard: false,
          icon: L.divIcon({ className: 'street-label', html: escapeHtml(f.properties.name), iconSize: null }),
        }),
      onEachFeature: (f, l) => {
        if (f.properties.kind === 'road' || f.properties.kind === 'river') l.bindTooltip(f.properties.name, { sticky: true, className: 'map-tip' });
      },
    }).addTo(map);
    const district = geo.features.find((f) => f.properties.kind === 'district');
    if (district) districtBounds = L.geoJSON(district).getBounds();
    layer.bringToBack();
  }
  const markers = L.layerGroup().addTo(map);

  function paint(entries) {
    markers.clearLayers();
    const counts = {};
    const points = [];
    for (const e of entries) {
      const s = e.source;
      counts[e.status] = (counts[e.status] || 0) + 1;
      const loc = s.place && s.place.location;
      if (!loc) continue;
      const color = STATUS_COLORS[e.status] || '#aaa';
      const critical = e.status === 'ALARM';
      const m = L.circleMarker([loc.lat, loc.lon], {
        radius: critical ? 10 : e.status === 'NORMAL' ? 6 : 8,
        color: critical ? '#fff' : '#0b0f16',
        weight: critical ? 2 : 1,
        fillColor: color,
        fillOpacity: 0.95,
        className: `src-marker status-${e.status}`,
      });
      if (e.status !== 'NORMAL' && e.status !== 'RETIRED') {
        // Colour is not the only cue: sources needing attention carry their status in words.
        m.bindTooltip(`${label(e.status)} · ${escapeHtml(s.sourceId)}`, { permanent: true, direction: 'right', offset: [8, 0], className: 'src-label' });
      } else {
        m.bindTooltip(`${escapeHtml(s.name)} — ${label(e.status)}`, { className: 'map-tip', direction: 'top' });
      }
      m.on('click', () => navigate(`#/source/${encodeURIComponent(s.sourceId)}`));
      m.addTo(markers);
      const path = m.getElement && m.getElement();
      if (path) {
        path.setAttribute('data-source-id', s.sourceId);
        path.setAttribute('data-status', e.status);
        path.setAttribute('tabindex', '0');
        path.setAttribute('role', 'link');
        path.setAttribute('aria-label', `${s.name}, ${label(e.status)}`);
        path.addEventListener('keydown', (ev) => {
          if (ev.key === 'Enter') navigate(`#/source/${encodeURIComponent(s.sourceId)}`);
        });
      }
      points.push(m);
    }
    mount(
      legend,
      h('strong', {}, 'Status'),
      STATUS_ORDER.filter((st) => st !== 'RETIRED' || counts[st]).map((st) =>
        h('div', { class: 'legend-item', 'data-status': st }, h('span', { class: 'legend-dot', style: { background: STATUS_COLORS[st] } }), ` ${label(st)} `, h('span', { class: 'muted' }, String(counts[st] || 0))),
      ),
    );
    const attention = entries
      .filter((e) => e.status !== 'NORMAL' && e.status !== 'RETIRED')
      .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
    info.textContent = `${entries.length} sources, ${attention.length} needing attention`;
    mount(
      list,
      attention.length
        ? h(
            'ul',
            { class: 'plain' },
            attention.map((e) =>
              h(
                'li',
                {},
                h('span', { class: `badge status status-${e.status}` }, label(e.status)),
                ' ',
                h('a', { href: `#/source/${encodeURIComponent(e.source.sourceId)}` }, e.source.name),
                e.lastReportAt ? h('div', { class: 'muted small' }, 'last report ', relative(e.lastReportAt)) : null,
              ),
            ),
          )
        : h('p', { class: 'muted' }, 'Every source is normal.'),
    );
  }

  try {
    paint(await loadSources(true));
  } catch (e) {
    mount(list, errorPanel(e, 'Sources'));
  }
  const off = onSourcesChanged(paint);
  // The container gets its size once the page is laid out: fit the district then.
  requestAnimationFrame(fit);
  setTimeout(fit, 200);
  return () => {
    off();
    map.remove();
  };
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
