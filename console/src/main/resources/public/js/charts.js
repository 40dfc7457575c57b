// Readings charts with ECharts (window.echarts, from the WebJar): a series over time with the
// limit as a dashed line and, optionally, the moment of an event marked.
import { h } from './util.js';

const AXIS = { axisLine: { lineStyle: { color: '#4a5568' } }, axisLabel: { color: '#9aa5b8' }, splitLine: { lineStyle: { color: '#232b3a' } } };

/**
 * Draws one series into a new chart element and returns it. `points` are [[iso, value]],
 * `limit` a number or null, `marker` an ISO instant or null, `from`/`to` the window the time axis
 * spans (ISO instants; default: the points' own span).
 */
export function lineChart({ title, points, limit, limitLabel = 'limit', marker, markerLabel = 'event', unit = '', height = 220, testid = 'chart', from, to }) {
  const el = h('div', { class: 'chart', style: { height: `${height}px` }, 'data-testid': testid, role: 'img', 'aria-label': describe(title, points, limit) });
  if (!window.echarts) {
    el.textContent = 'Charts are unavailable (ECharts did not load).';
    return el;
  }
  const data = (points || []).filter((p) => p && p[1] !== null && p[1] !== undefined).map((p) => [new Date(p[0]).getTime(), Number(p[1])]);
  const markLines = [];
  if (limit !== null && limit !== undefined && Number.isFinite(Number(limit))) {
    markLines.push({ yAxis: Number(limit), name: limitLabel, lineStyle: { color: '#ff5c5c', type: 'dashed', width: 2 }, label: { formatter: `${limitLabel} ${limit}`, color: '#ff8a8a', position: 'insideEndTop' } });
  }
  if (marker) {
    markLines.push({ xAxis: new Date(marker).getTime(), name: markerLabel, lineStyle: { color: '#f6c343', type: 'solid', width: 1 }, label: { formatter: markerLabel, color: '#f6c343', position: 'insideEndTop' } });
  }
  // Keep the limit line in view even when every value is far below it, on a round number.
  // (Number(null) is 0: a chart without a limit must not get one at zero.)
  const lim = limit === null || limit === undefined ? NaN : Number(limit);
  const limitTop = Number.isFinite(lim) ? lim * 1.1 : -Infinity;
  // ... and when every value is above it (an exceedance): the axis would otherwise start above it.
  const lowest = data.reduce((m, p) => Math.min(m, p[1]), Infinity);
  const limitBottom = Number.isFinite(lim) && lim < lowest ? lim - Math.abs(lim) * 0.1 : undefined;
  const timeBound = (t) => (t === undefined || t === null ? undefined : new Date(t).getTime());
  const option = {
    animation: false,
    backgroundColor: 'transparent',
    title: title ? { text: unit ? `${title} (${unit})` : title, textStyle: { color: '#d5dbe6', fontSize: 13, fontWeight: 600 }, left: 4, top: 0 } : undefined,
    grid: { left: 52, right: 16, top: title ? 30 : 12, bottom: 28 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${Number(v).toFixed(3).replace(/\.?0+$/, '')} ${unit}`) },
    // A lone point would get a time axis of days around it: span the window asked for.
    xAxis: { type: 'time', ...AXIS, splitLine: { show: false }, min: timeBound(from), max: timeBound(to) },
    yAxis: {
      type: 'value',
      scale: true,
      ...AXIS,
      max: Number.isFinite(limitTop) ? (v) => Math.max(v.max, limitTop) : undefined,
      min: limitBottom,
      // The stretched ends are not round numbers: leave their labels out.
      axisLabel: { ...AXIS.axisLabel, showMaxLabel: !Number.isFinite(limitTop), showMinLabel: limitBottom === undefined },
    },
    series: [
      {
        type: 'line',
        name: title || 'value',
        data,
        showSymbol: data.length < 60,
        symbolSize: 4,
        lineStyle: { color: '#4fc3f7', width: 1.5 },
        itemStyle: { color: '#4fc3f7' },
        markLine: markLines.length ? { symbol: 'none', silent: true, data: markLines } : undefined,
      },
    ],
  };
  // The element must be in the document with a size before ECharts measures it.
  requestAnimationFrame(() => {
    if (!el.isConnected) return;
    const chart = window.echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(option);
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    el._dispose = () => {
      ro.disconnect();
      chart.dispose();
    };
  });
  if (!data.length) el.classList.add('empty-chart');
  return el;
}

function describe(title, points, limit) {
  const n = (points || []).length;
  const values = (points || []).map((p) => Number(p[1])).filter(Number.isFinite);
  const max = values.length ? Math.max(...values) : null;
  return `${title || 'Readings'}: ${n} points${max !== null ? `, highest ${max}` : ''}${limit !== null && limit !== undefined ? `, limit ${limit}` : ''}`;
}

/** Disposes the charts inside an element (before it is removed). */
export function disposeCharts(root) {
  for (const el of root.querySelectorAll('.chart')) if (el._dispose) el._dispose();
}
