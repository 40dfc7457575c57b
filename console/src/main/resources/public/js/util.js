// Small DOM and formatting helpers shared by every view.

/**
 * Builds an element: h('button', {class: 'btn', onclick: fn, 'data-testid': 'x'}, 'Label', child...).
 * Attributes with a null/undefined/false value are left out; `true` sets an empty attribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'style' && typeof value === 'object') {
      Object.assign(el.style, value);
    } else if (key === 'value' && 'value' in el) {
      el.value = value;
    } else if (key === 'checked' || key === 'selected' || key === 'disabled') {
      el[key] = Boolean(value);
      if (value) el.setAttribute(key, '');
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the element's children. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const SEVERITIES = ['INFO', 'WARNING', 'ALARM', 'SEVERE'];
export const STATES = ['OPEN', 'ACKNOWLEDGED', 'DISPATCHED', 'ON_SCENE', 'RESOLVED', 'CLOSED', 'MERGED'];
export const SOURCE_STATUSES = ['NORMAL', 'WARNING', 'ALARM', 'OFFLINE', 'MAINTENANCE', 'RETIRED'];

/** Severity as a coloured badge that also says the word, so colour is never the only cue. */
export function severityBadge(severity) {
  const s = severity || 'INFO';
  return h('span', { class: `badge sev sev-${s}`, 'data-severity': s }, h('span', { 'aria-hidden': 'true' }, sevIcon(s) + ' '), s);
}

function sevIcon(s) {
  return { SEVERE: '▲▲', ALARM: '▲', WARNING: '◆', INFO: '●' }[s] || '●';
}

export function stateBadge(state) {
  return h('span', { class: `badge state state-${state}`, 'data-state': state }, label(state));
}

export function statusBadge(status) {
  return h('span', { class: `badge status status-${status}`, 'data-status': status }, label(status));
}

/** ON_SCENE → "On scene". */
export function label(code) {
  if (!code) return '';
  const s = String(code).toLowerCase().replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dateTimeFmt = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** An ISO instant in local time: the time alone when it is today, else date and time. */
export function localTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const today = new Date();
  return d.toDateString() === today.toDateString() ? timeFmt.format(d) : dateTimeFmt.format(d);
}

export function localDateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : dateTimeFmt.format(d);
}

/** "3 min ago", "in 5 min", from an ISO instant. */
export function relative(iso, now = Date.now()) {
  if (!iso) return '';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return '';
  const diff = Math.round((t - now) / 1000);
  const abs = Math.abs(diff);
  let text;
  if (abs < 45) text = `${abs} s`;
  else if (abs < 3600) text = `${Math.round(abs / 60)} min`;
  else if (abs < 86400) {
    const hours = Math.floor(abs / 3600);
    const minutes = Math.round((abs % 3600) / 60);
    text = minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  } else text = `${Math.round(abs / 86400)} d`;
  return diff <= 0 ? `${text} ago` : `in ${text}`;
}

/**
 * A <time> element showing local time and relative age; app.js refreshes every
 * [data-relative] element periodically so ages stay current.
 */
export function timeEl(iso, { withAge = true, testid } = {}) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  return h(
    'time',
    { datetime: iso, title: localDateTime(iso), 'data-testid': testid },
    localTime(iso),
    withAge ? h('span', { class: 'age', 'data-relative': iso }, ' · ', relative(iso)) : null,
  );
}

export function refreshAges(root = document) {
  const now = Date.now();
  for (const el of root.querySelectorAll('[data-relative]')) {
    el.textContent = ' · ' + relative(el.dataset.relative, now);
  }
  for (const el of root.querySelectorAll('[data-deadline]')) {
    const due = new Date(el.dataset.deadline).getTime();
    el.textContent = relative(el.dataset.deadline, now);
    el.classList.toggle('overdue', due < now);
  }
}

/** A deadline's countdown, red once overdue. */
export function deadlineEl(iso) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  const overdue = new Date(iso).getTime() < Date.now();
  return h(
    'span',
    { class: 'deadline' + (overdue ? ' overdue' : ''), title: 'due ' + localDateTime(iso), 'data-deadline': iso },
    relative(iso),
  );
}

export function fmtNumber(v, digits = 2) {
  if (v === null || v === undefined || Number.isNaN(Number(v))) return '—';
  const n = Number(v);
  if (Math.abs(n) >= 1000) return n.toFixed(0);
  return String(Number(n.toFixed(digits)));
}

export function fmtPercent(ratio) {
  if (ratio === null || ratio === undefined || Number.isNaN(Number(ratio))) return '—';
  return `${(Number(ratio) * 100).toFixed(1)} %`;
}

/** A random id for commands, so a resubmitted command is applied once. */
export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Calls fn at most once per `ms`, after the last call. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** The value of an <input type=datetime-local> for an instant, in local time. */
export function toLocalInput(date) {
  const d = new Date(date);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The ISO instant of an <input type=datetime-local> value (read as local time). */
export function fromLocalInput(value) {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** ISO-8601 duration (PT5M, PT1H30M, PT45S, P1D) in seconds; null when absent or unreadable. */
export function durationSeconds(iso) {
  if (!iso) return null;
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  if (!m) return null;
  const [, d, hh, mm, ss] = m.map((x) => (x === undefined ? 0 : Number(x)));
  return d * 86400 + hh * 3600 + mm * 60 + ss;
}

export function humanDuration(iso) {
  const s = durationSeconds(iso);
  if (s === null) return iso || '—';
  if (s % 3600 === 0 && s >= 3600) return `${s / 3600} h`;
  if (s % 60 === 0 && s >= 60) return `${s / 60} min`;
  return `${s} s`;
}

export function secondsToIso(seconds) {
  return `PT${Math.round(seconds)}S`;
}
