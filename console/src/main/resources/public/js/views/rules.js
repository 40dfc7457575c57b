// Threshold rules: the list, and an editor for levels, persistence, hysteresis, data kind,
// comparator and scope. Problems are shown at their field (checked here as ThresholdRule.validate
// does, and again by the server). Before saving, a preview counts the alerts the edited rule
// would have raised over the last 7 days against the rule as stored; saving sends the version
// the edit started from, and a 409 says someone else changed the rule meanwhile.
import { api } from '../api.js';
import * as stream from '../stream.js';
import { loadSources } from '../store.js';
import { errorPanel, showError, toast, confirmDialog } from '../ui.js';
import { h, mount, label, localDateTime, timeEl, durationSeconds, humanDuration, fmtNumber } from '../util.js';

const KINDS = ['REALTIME', 'MINUTE', 'HOURLY', 'DAILY'];
const LEVEL_SEVERITIES = ['WARNING', 'ALARM', 'SEVERE'];
const MODES = ['PERCENT_OF_LIMIT', 'ABSOLUTE'];
const RANK = { INFO: 0, WARNING: 1, ALARM: 2, SEVERE: 3 };

function mayEdit(user) {
  return user.role === 'ENV_STAFF' || user.role === 'ADMIN';
}

export async function render(main, ctx) {
  const id = ctx.args[0];
  if (id) return renderEditor(main, ctx, id === 'new' ? null : id);
  return renderList(main, ctx);
}

function levelsText(levels) {
  return (levels || []).map((l) => `${l.severity[0]}${l.severity.slice(1).toLowerCase()} ${fmtNumber(l.threshold, 3)}${l.mode === 'PERCENT_OF_LIMIT' ? ' %' : ''}`).join(' · ');
}

function scopeText(scope) {
  if (!scope) return '';
  const where = scope.sourceId ? `${scope.sourceId}${scope.outletId ? '/' + scope.outletId : ''}` : `group “${scope.group}”`;
  return `${scope.pollutantCode} at ${where}`;
}

async function renderList(main, { user }) {
  const filter = h('input', { type: 'search', id: 'rules-filter', placeholder: 'Filter by name, pollutant, source…', 'aria-label': 'Filter rules' });
  const tbody = h('tbody');
  const section = h(
    'section',
    { class: 'rules-view' },
    h(
      'div',
      { class: 'panel-head' },
      h('h1', {}, 'Threshold rules'),
      h('span', { class: 'spacer' }),
      filter,
      mayEdit(user) ? h('a', { class: 'btn primary', href: '#/rules/new', id: 'rule-new', 'data-testid': 'rule-new' }, 'New rule') : null,
    ),
    h(
      'table',
      { id: 'rules-table', class: 'data-table' },
      h('thead', {}, h('tr', {}, ['Rule', 'Scope', 'Data', 'Levels', 'Persistence', 'Clear', 'Version', 'Enabled'].map((t) => h('th', { scope: 'col' }, t)))),
      tbody,
    ),
  );
  mount(main, section);
  let rules = [];
  function paint() {
    const q = filter.value.trim().toLowerCase();
    const shown = rules.filter((r) => !q || JSON.stringify([r.ruleId, r.name, r.scope]).toLowerCase().includes(q)).sort((a, b) => a.name.localeCompare(b.name));
    if (!shown.length) {
      mount(tbody, h('tr', {}, h('td', { colspan: 8, class: 'muted' }, rules.length ? 'No rule matches.' : 'No rules yet.')));
      return;
    }
    mount(
      tbody,
      shown.map((r) =>
        h(
          'tr',
          { 'data-rule-id': r.ruleId, class: r.enabled ? '' : 'disabled-row' },
          h('td', {}, h('a', { href: `#/rules/${encodeURIComponent(r.ruleId)}` }, r.name), h('div', { class: 'muted small' }, r.ruleId)),
          h('td', {}, scopeText(r.scope)),
          h('td', {}, label(r.dataKind), ' ', r.comparator === 'BELOW' ? '↓ below' : '↑ above'),
          h('td', {}, levelsText(r.levels)),
          h('td', {}, `${r.persistence ? r.persistence.consecutiveReadings : 1}×`, r.persistence && r.persistence.duration ? ` & ${humanDuration(r.persistence.duration)}` : ''),
          h('td', { class: 'num' }, fmtNumber(r.clearRatio, 3)),
          h('td', { class: 'num' }, `v${r.version}`),
          h('td', {}, r.enabled ? 'yes' : h('span', { class: 'muted' }, 'no')),
        ),
      ),
    );
  }
  filter.addEventListener('input', paint);
  async function load() {
    try {
      rules = ((await api.rules()) || []).filter((r) => !r.retired);
      paint();
    } catch (e) {
      mount(tbody, h('tr', {}, h('td', { colspan: 8 }, errorPanel(e, 'Rules'))));
    }
  }
  await load();
  const off = stream.on('rule', load);
  return off;
}

/** Everything wrong with a rule, as [{field, detail}] — the checks of ThresholdRule.validate. */
export function validateRule(rule) {
  const problems = [];
  const add = (field, detail) => problems.push({ field, detail });
  if (!rule.ruleId || !rule.ruleId.trim()) add('ruleId', 'must not be blank');
  else if (!/^[A-Za-z0-9._:-]+$/.test(rule.ruleId)) add('ruleId', 'letters, digits, . _ : - only');
  if (!rule.name || !rule.name.trim()) add('name', 'must not be blank');
  const s = rule.scope;
  if (!s.sourceId === !s.group) add('scope', 'exactly one of source and group must be set');
  if (s.outletId && !s.sourceId) add('scope.outletId', 'only allowed together with a source');
  if (!s.pollutantCode || !s.pollutantCode.trim()) add('scope.pollutantCode', 'must not be blank');
  if (!rule.levels.length) add('levels', 'at least one level is required');
  rule.levels.forEach((l, i) => {
    const f = `levels[${i}]`;
    if (l.severity === 'INFO') add(`${f}.severity`, 'must be WARNING, ALARM or SEVERE');
    if (!Number.isFinite(l.threshold)) add(`${f}.threshold`, 'must be a finite number');
    else if (l.mode === 'PERCENT_OF_LIMIT' && l.threshold <= 0) add(`${f}.threshold`, 'must be > 0 percent of the limit');
    if (i === 0) return;
    const p = rule.levels[i - 1];
    if (l.mode !== p.mode) add(`${f}.mode`, `must be ${label(p.mode)} like the level above`);
    if (RANK[l.severity] <= RANK[p.severity]) add(`${f}.severity`, 'must be more severe than the level above');
    if (l.mode === p.mode && Number.isFinite(l.threshold) && Number.isFinite(p.threshold)) {
      const ok = rule.comparator === 'ABOVE' ? l.threshold > p.threshold : l.threshold < p.threshold;
      if (!ok) add(`${f}.threshold`, `must be ${rule.comparator === 'ABOVE' ? '>' : '<'} the level above for ${label(rule.comparator)}`);
    }
  });
  const pc = rule.persistence.consecutiveReadings;
  if (!Number.isInteger(pc) || pc < 1) add('persistence.consecutiveReadings', 'must be a whole number ≥ 1');
  if (rule.persistence.duration !== null && (durationSeconds(rule.persistence.duration) ?? -1) < 0) add('persistence.duration', 'must not be negative');
  if (!(rule.clearRatio > 0 && rule.clearRatio <= 1)) add('clearRatio', 'must be > 0 and ≤ 1');
  return problems;
}

/** Splits a server detail like "levels[1].threshold: must be …; clearRatio: …" into fields. */
function parseProblems(err) {
  const parts = String(err.detail || '').split(/;\s+/);
  const out = [];
  for (const p of parts) {
    const m = /^([A-Za-z][\w.[\]]*):\s*(.+)$/.exec(p);
    if (m) out.push({ field: m[1], detail: m[2] });
  }
  if (err.field && !out.some((p) => p.field === err.field)) out.unshift({ field: err.field, detail: err.detail });
  // The preview names fields inside its body's "rule" object: rule.levels[1].threshold.
  return out.map((p) => ({ ...p, field: p.field.replace(/^rule\./, '') }));
}

async function renderEditor(main, { user, navigate }, ruleId) {
  const editable = mayEdit(user);
  const root = h('section', { class: 'rule-editor' }, h('p', { class: 'muted' }, 'Loading…'));
  mount(main, root);
  let stored = null; // the rule as loaded (latest version)
  let history = [];
  let sources = [];
  try {
    const [detail, srcs] = await Promise.all([ruleId ? api.rule(ruleId) : Promise.resolve(null), loadSources().catch(() => [])]);
    sources = srcs || [];
    if (detail) {
      stored = detail.rule;
      history = detail.history || [];
    }
  } catch (e) {
    mount(root, h('p', {}, h('a', { href: '#/rules' }, '← Rules')), errorPanel(e, `Rule ${ruleId}`));
    return;
  }

  const start = stored || {
    ruleId: '',
    version: 0,
    name: '',
    scope: { sourceId: null, outletId: null, pollutantCode: '', group: null },
    dataKind: 'HOURLY',
    comparator: 'ABOVE',
    levels: [
      { severity: 'WARNING', threshold: 80, mode: 'PERCENT_OF_LIMIT' },
      { severity: 'ALARM', threshold: 100, mode: 'PERCENT_OF_LIMIT' },
      { severity: 'SEVERE', threshold: 150, mode: 'PERCENT_OF_LIMIT' },
    ],
    persistence: { consecutiveReadings: 1, duration: null },
    clearRatio: 0.9,
    enabled: true,
  };

  // ---- the form ----
  const dis = !editable;
  const inp = (attrs) => h('input', { ...attrs, disabled: dis || attrs.disabled });
  const sel = (attrs, options, value) => h('select', { ...attrs, disabled: dis }, options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)));
  const f = {
    ruleId: inp({ id: 'rule-ruleId', name: 'ruleId', value: start.ruleId, disabled: !!stored, required: true, autocomplete: 'off' }),
    name: inp({ id: 'rule-name', name: 'name', value: start.name, required: true }),
    enabled: inp({ id: 'rule-enabled', name: 'enabled', type: 'checkbox', checked: start.enabled }),
    scopeKind: sel({ id: 'rule-scope-kind', name: 'scope' }, [['source', 'One source'], ['group', 'A group of sources']], start.scope.group ? 'group' : 'source'),
    sourceId: inp({ id: 'rule-sourceId', name: 'scope.sourceId', value: start.scope.sourceId || '', list: 'rule-source-options', autocomplete: 'off' }),
    group: inp({ id: 'rule-group', name: 'scope.group', value: start.scope.group || '', list: 'rule-group-options', autocomplete: 'off' }),
    outletId: inp({ id: 'rule-outletId', name: 'scope.outletId', value: start.scope.outletId || '', placeholder: 'every outlet', autocomplete: 'off' }),
    pollutantCode: inp({ id: 'rule-pollutantCode', name: 'scope.pollutantCode', value: start.scope.pollutantCode, list: 'rule-pollutant-options', required: true, autocomplete: 'off' }),
    dataKind: sel({ id: 'rule-dataKind', name: 'dataKind' }, KINDS.map((k) => [k, label(k)]), start.dataKind),
    comparator: sel({ id: 'rule-comparator', name: 'comparator' }, [['ABOVE', 'Above the threshold breaches'], ['BELOW', 'Below the threshold breaches']], start.comparator),
    consecutive: inp({ id: 'rule-consecutive', name: 'persistence.consecutiveReadings', type: 'number', min: 1, step: 1, value: start.persistence.consecutiveReadings }),
    duration: inp({ id: 'rule-duration', name: 'persistence.duration', type: 'number', min: 0, step: 0.5, value: start.persistence.duration ? durationSeconds(start.persistence.duration) / 60 : '', placeholder: 'none' }),
    clearRatio: inp({ id: 'rule-clearRatio', name: 'clearRatio', type: 'number', min: 0.01, max: 1, step: 0.01, value: start.clearRatio }),
  };
  const groups = [...new Set(sources.flatMap((e) => e.source.groups || []))].sort();
  const pollutants = [...new Set(sources.flatMap((e) => (e.source.permitLimits || []).map((p) => p.pollutantCode)))].sort();
  const datalists = [
    h('datalist', { id: 'rule-source-options' }, sources.map((e) => h('option', { value: e.source.sourceId }, e.source.name))),
    h('datalist', { id: 'rule-group-options' }, groups.map((g) => h('option', { value: g }))),
    h('datalist', { id: 'rule-pollutant-options' }, pollutants.map((p) => h('option', { value: p }))),
  ];
  const levelsBody = h('tbody');
  const levelsBox = h(
    'fieldset',
    { class: 'levels', 'data-field': 'levels' },
    h('legend', {}, 'Levels (least to most severe)'),
    h('table', { class: 'compact' }, h('thead', {}, h('tr', {}, h('th', {}, 'Severity'), h('th', {}, 'Threshold'), h('th', {}, 'Given as'), h('th', {}, h('span', { class: 'sr-only' }, 'Remove')))), levelsBody),
    h('div', { class: 'field-error', 'data-error-for': 'levels' }),
    editable ? h('button', { type: 'button', class: 'btn small', id: 'rule-add-level', onclick: () => addLevel() }, '+ Level') : null,
  );
  function addLevel(level) {
    const i = levelsBody.children.length;
    const prev = levelsBody.lastElementChild;
    const l = level || {
      severity: LEVEL_SEVERITIES[Math.min(2, i)],
      threshold: prev ? Number(prev.querySelector('[data-part=threshold]').value) * 1.5 || 100 : 100,
      mode: prev ? prev.querySelector('[data-part=mode]').value : 'PERCENT_OF_LIMIT',
    };
    const row = h(
      'tr',
      { 'data-testid': 'level-row' },
      h('td', {}, sel({ 'data-part': 'severity', 'aria-label': 'Severity' }, LEVEL_SEVERITIES.map((s) => [s, label(s)]), l.severity), h('div', { class: 'field-error' })),
      h('td', {}, inp({ 'data-part': 'threshold', type: 'number', step: 'any', value: l.threshold, 'aria-label': 'Threshold' }), h('div', { class: 'field-error' })),
      h('td', {}, sel({ 'data-part': 'mode', 'aria-label': 'Given as' }, [['PERCENT_OF_LIMIT', '% of permit limit'], ['ABSOLUTE', 'absolute value']], l.mode), h('div', { class: 'field-error' })),
      h('td', {}, editable ? h('button', { type: 'button', class: 'btn small', 'aria-label': 'Remove level', onclick: () => { row.remove(); renumber(); changed(); } }, '×') : null),
    );
    levelsBody.append(row);
    renumber();
    if (!level) changed();
  }
  function renumber() {
    [...levelsBody.children].forEach((row, i) => {
      for (const el of row.querySelectorAll('[data-part]')) {
        const name = `levels[${i}].${el.dataset.part}`;
        el.name = name;
        el.id = `rule-level-${i}-${el.dataset.part}`;
        el.nextElementSibling.dataset.errorFor = name;
      }
    });
  }
  start.levels.forEach((l) => addLevel(l));

  const formError = h('div', { class: 'error-panel hidden', role: 'alert', 'data-testid': 'rule-form-error' });
  const conflict = h('div', { class: 'conflict hidden', role: 'alert', 'data-testid': 'rule-conflict' });
  const previewBox = h('div', { class: 'preview', 'data-testid': 'preview-result', 'aria-live': 'polite' });
  const previewBtn = h('button', { type: 'button', class: 'btn', id: 'rule-preview' }, 'Preview last 7 days');
  const saveBtn = h('button', { type: 'submit', class: 'btn primary', id: 'rule-save', disabled: true }, stored ? 'Save' : 'Create');
  const retireBtn = stored && editable ? h('button', { type: 'button', class: 'btn danger', id: 'rule-retire' }, 'Retire') : null;
  const fieldBox = (text, control, name, hint) =>
    h('div', { class: 'field', 'data-field': name }, h('label', { for: control.id }, text), control, hint ? h('div', { class: 'hint' }, hint) : null, h('div', { class: 'field-error', 'data-error-for': name, id: `${control.id}-error` }));
  for (const c of Object.values(f)) c.setAttribute('aria-describedby', `${c.id}-error`);
  const sourceField = fieldBox('Source', f.sourceId, 'scope.sourceId');
  const outletField = fieldBox('Outlet', f.outletId, 'scope.outletId', 'empty for every outlet of the source');
  const groupField = fieldBox('Group', f.group, 'scope.group');
  const form = h(
    'form',
    { id: 'rule-form', class: 'rule-form', novalidate: true },
    h(
      'div',
      { class: 'form-grid' },
      fieldBox('Rule id', f.ruleId, 'ruleId'),
      fieldBox('Name', f.name, 'name'),
      h('div', { class: 'field inline' }, f.enabled, h('label', { for: f.enabled.id }, ' Enabled (evaluated)')),
    ),
    h(
      'fieldset',
      { class: 'form-grid', 'data-field': 'scope' },
      h('legend', {}, 'Scope'),
      fieldBox('Watches', f.scopeKind, 'scope'),
      sourceField,
      outletField,
      groupField,
      fieldBox('Pollutant code', f.pollutantCode, 'scope.pollutantCode', 'HJ 212 code, e.g. w01018 (COD)'),
    ),
    h(
      'fieldset',
      { class: 'form-grid' },
      h('legend', {}, 'Judging'),
      fieldBox('Data kind', f.dataKind, 'dataKind'),
      fieldBox('Comparator', f.comparator, 'comparator'),
      fieldBox('Consecutive readings', f.consecutive, 'persistence.consecutiveReadings', 'breaching readings in a row before firing'),
      fieldBox('Minimum duration (min)', f.duration, 'persistence.duration', 'empty: no minimum'),
      fieldBox('Clear ratio (hysteresis)', f.clearRatio, 'clearRatio', 'e.g. 0.9 clears at 90 % of the fire level; 1 for none'),
    ),
    levelsBox,
    datalists,
    formError,
    conflict,
    editable ? h('div', { class: 'form-actions' }, previewBtn, saveBtn, retireBtn, h('span', { class: 'muted small', id: 'rule-save-hint' }, 'Preview the edit before saving.')) : h('p', { class: 'muted' }, 'Read only: rules are edited by environmental staff.'),
    previewBox,
  );

  function scopeVisibility() {
    const group = f.scopeKind.value === 'group';
    sourceField.classList.toggle('hidden', group);
    outletField.classList.toggle('hidden', group);
    groupField.classList.toggle('hidden', !group);
  }
  scopeVisibility();

  function current() {
    const group = f.scopeKind.value === 'group';
    const minutes = f.duration.value === '' ? null : Number(f.duration.value);
    return {
      ruleId: f.ruleId.value.trim(),
      version: stored ? stored.version : 0,
      name: f.name.value.trim(),
      scope: {
        sourceId: group ? null : f.sourceId.value.trim() || null,
        outletId: group ? null : f.outletId.value.trim() || null,
        pollutantCode: f.pollutantCode.value.trim(),
        group: group ? f.group.value.trim() || null : null,
      },
      dataKind: f.dataKind.value,
      comparator: f.comparator.value,
      levels: [...levelsBody.children].map((row) => ({
        severity: row.querySelector('[data-part=severity]').value,
        threshold: row.querySelector('[data-part=threshold]').value === '' ? NaN : Number(row.querySelector('[data-part=threshold]').value),
        mode: row.querySelector('[data-part=mode]').value,
      })),
      persistence: {
        consecutiveReadings: Number(f.consecutive.value),
        duration: minutes === null || Number.isNaN(minutes) ? null : `PT${Math.round(minutes * 60)}S`,
      },
      clearRatio: Number(f.clearRatio.value),
      enabled: f.enabled.checked,
      author: user.username,
      updatedAt: new Date().toISOString(),
      retired: false,
    };
  }

  function showProblems(problems) {
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    const unplaced = [];
    for (const p of problems) {
      const slot = form.querySelector(`.field-error[data-error-for="${CSS.escape(p.field)}"]`);
      if (slot) {
        slot.textContent = slot.textContent ? `${slot.textContent}; ${p.detail}` : p.detail;
        const control = form.querySelector(`[name="${CSS.escape(p.field)}"]`);
        if (control) control.setAttribute('aria-invalid', 'true');
      } else unplaced.push(`${p.field}: ${p.detail}`);
    }
    formError.classList.toggle('hidden', !unplaced.length);
    mount(formError, unplaced.join('; '));
    return problems.length === 0;
  }

  let previewedFor = null; // the JSON of the form the last preview was computed for
  function fingerprint(rule) {
    const { updatedAt, ...rest } = rule;
    return JSON.stringify(rest);
  }
  let touched = !!stored;
  function changed() {
    const rule = current();
    if (touched) showProblems(validateRule(rule));
    const fresh = previewedFor !== null && fingerprint(rule) === previewedFor;
    saveBtn.disabled = !fresh;
    previewBox.classList.toggle('stale', previewedFor !== null && !fresh);
  }
  form.addEventListener('input', () => {
    touched = true;
    changed();
  });
  form.addEventListener('change', (e) => {
    touched = true;
    if (e.target === f.scopeKind) scopeVisibility();
    changed();
  });

  previewBtn.addEventListener('click', async () => {
    const rule = current();
    if (!showProblems(validateRule(rule))) {
      toast('Fix the marked fields first', 'error', { timeout: 4000 });
      return;
    }
    previewBtn.disabled = true;
    mount(previewBox, h('p', { class: 'muted' }, 'Counting alerts over the last 7 days…'));
    try {
      const p = await api.previewRule(rule, 7);
      previewedFor = fingerprint(rule);
      paintPreview(p);
      saveBtn.disabled = false;
      previewBox.classList.remove('stale');
    } catch (e) {
      if (e.status === 400) showProblems(parseProblems(e));
      mount(previewBox, errorPanel(e, 'Preview failed'));
    } finally {
      previewBtn.disabled = false;
    }
  });

  function paintPreview(p) {
    const row = (name, c) =>
      h(
        'tr',
        { 'data-testid': `preview-${name.toLowerCase()}` },
        h('th', { scope: 'row' }, name),
        h('td', { class: 'num big' }, c ? String(c.alerts) : '—'),
        LEVEL_SEVERITIES.map((s) => h('td', { class: 'num' }, c && c.byLevel ? String(c.byLevel[s] ?? 0) : '—')),
        h('td', { class: 'num' }, c && c.sources !== undefined ? String(c.sources) : '—'),
      );
    const delta = p.current ? p.proposed.alerts - p.current.alerts : null;
    mount(
      previewBox,
      h('h3', {}, `Would have raised, ${localDateTime(p.from)} – ${localDateTime(p.to)}`),
      h(
        'table',
        { class: 'compact preview-table' },
        h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, 'Alerts'), LEVEL_SEVERITIES.map((s) => h('th', {}, label(s))), h('th', {}, 'Sources'))),
        h('tbody', {}, row('Edited', p.proposed), row('Current', p.current)),
      ),
      h(
        'p',
        { class: 'preview-delta' },
        p.current
          ? delta === 0
            ? 'The same number of alerts as the stored rule.'
            : `${Math.abs(delta)} ${delta > 0 ? 'more' : 'fewer'} alerts than the stored rule.`
          : 'A new rule: nothing to compare with.',
      ),
    );
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!editable) return;
    const rule = current();
    if (!showProblems(validateRule(rule))) return;
    if (fingerprint(rule) !== previewedFor) {
      toast('Preview the edited rule before saving', 'error', { timeout: 4000 });
      return;
    }
    saveBtn.disabled = true;
    conflict.classList.add('hidden');
    try {
      const saved = stored ? await api.updateRule(rule, stored.version) : await api.createRule(rule);
      toast(`Rule ${rule.name} saved${saved && saved.version !== undefined ? ` as version ${saved.version}` : ''}`, 'ok');
      if (!stored) navigate(`#/rules/${encodeURIComponent(rule.ruleId)}`);
      else reloadEditor();
    } catch (err) {
      if (err.status === 409) {
        conflict.classList.remove('hidden');
        mount(
          conflict,
          h('strong', {}, 'Someone else changed this rule while you were editing. '),
          err.detail,
          ' ',
          h('button', { type: 'button', class: 'btn small', 'data-testid': 'rule-reload', onclick: reloadEditor }, 'Load their version'),
          h('span', { class: 'muted small' }, ' (your edits are lost; note them first)'),
        );
      } else if (err.status === 400) {
        showProblems(parseProblems(err));
        showError(err, 'Not saved');
      } else showError(err, 'Not saved');
      saveBtn.disabled = false;
    }
  });

  if (retireBtn) {
    retireBtn.addEventListener('click', async () => {
      if (!(await confirmDialog('Retire this rule?', `${stored.name} stops being evaluated. Its history and the alerts it fired are kept.`, 'Retire'))) return;
      try {
        await api.retireRule(stored.ruleId);
        toast('Rule retired', 'ok');
        navigate('#/rules');
      } catch (err) {
        showError(err, 'Not retired');
      }
    });
  }

  function reloadEditor() {
    navigate(`#/rules/${encodeURIComponent(ruleId || f.ruleId.value.trim())}`);
  }

  const historyPanel = h(
    'section',
    { class: 'panel', 'data-testid': 'rule-history' },
    h('h2', {}, 'Version history'),
    history.length
      ? h(
          'ol',
          { class: 'history' },
          history.map((v) =>
            h(
              'li',
              { 'data-version': v.version },
              h('strong', {}, `v${v.version}`),
              ' ',
              timeEl(v.updatedAt),
              ' by ',
              v.author,
              v.retired ? h('span', { class: 'badge' }, 'retired') : null,
              v.enabled ? null : h('span', { class: 'badge' }, 'disabled'),
              h('div', { class: 'small' }, `${scopeText(v.scope)} · ${label(v.dataKind)} ${v.comparator.toLowerCase()} · ${levelsText(v.levels)} · clear ${v.clearRatio}`),
              editable && stored && v.version !== stored.version
                ? h('button', { type: 'button', class: 'btn small', 'data-testid': 'history-load', onclick: () => loadVersion(v) }, 'Load into editor')
                : null,
            ),
          ),
        )
      : h('p', { class: 'muted' }, stored ? 'No earlier versions.' : 'A new rule has no history yet.'),
  );

  function loadVersion(v) {
    f.name.value = v.name;
    f.enabled.checked = v.enabled;
    f.scopeKind.value = v.scope.group ? 'group' : 'source';
    f.sourceId.value = v.scope.sourceId || '';
    f.outletId.value = v.scope.outletId || '';
    f.group.value = v.scope.group || '';
    f.pollutantCode.value = v.scope.pollutantCode;
    f.dataKind.value = v.dataKind;
    f.comparator.value = v.comparator;
    f.consecutive.value = v.persistence.consecutiveReadings;
    f.duration.value = v.persistence.duration ? durationSeconds(v.persistence.duration) / 60 : '';
    f.clearRatio.value = v.clearRatio;
    levelsBody.replaceChildren();
    v.levels.forEach((l) => addLevel(l));
    scopeVisibility();
    changed();
    toast(`Version ${v.version} loaded into the editor; preview and save to restore it`, 'info');
  }

  mount(
    root,
    h('div', { class: 'crumbs' }, h('a', { href: '#/rules' }, '← Rules')),
    h('h1', {}, stored ? `${stored.name} ` : 'New rule', stored ? h('span', { class: 'muted' }, `v${stored.version} · ${stored.author}, ${localDateTime(stored.updatedAt)}`) : null),
    h('div', { class: 'editor-grid' }, h('div', { class: 'col wide' }, form), h('div', { class: 'col' }, historyPanel)),
  );
  changed();

  const off = stream.on('rule', (r) => {
    if (stored && r && r.ruleId === stored.ruleId && r.version > stored.version) {
      conflict.classList.remove('hidden');
      mount(
        conflict,
        h('strong', {}, `${r.author} saved version ${r.version} of this rule. `),
        'Saving now would be refused. ',
        h('button', { type: 'button', class: 'btn small', 'data-testid': 'rule-reload', onclick: reloadEditor }, 'Load their version'),
      );
    }
  });
  return off;
}
