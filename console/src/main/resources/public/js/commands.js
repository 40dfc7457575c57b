// Issuing incident commands, with the dialog each one needs (dispatch: which agencies; note,
// feedback, resolve: text; merge: into which incident; silence: until when). Used by the alert
// wall, the incident view and the agency inbox alike.
import { api } from './api.js';
import { h, label, newId, toLocalInput, fromLocalInput } from './util.js';
import { openDialog, toast, showError, field } from './ui.js';

let agencyCache = null;

export async function agencies() {
  if (!agencyCache) {
    agencyCache = api.agencies().catch((e) => {
      agencyCache = null;
      throw e;
    });
  }
  return agencyCache;
}

export function agencyName(id, list) {
  const a = (list || []).find((x) => x.agencyId === id);
  return a ? a.name : id;
}

async function send(incidentId, command, what) {
  const body = { commandId: newId(), ...command };
  try {
    await api.command(incidentId, body);
    toast(`${what} sent`, 'ok');
    return true;
  } catch (e) {
    showError(e, `${what} refused`);
    return false;
  }
}

/** Sends a command right away (acknowledge, arrive, close, reopen, escalate). */
export function simple(incidentId, type) {
  return send(incidentId, { type }, label(type));
}

/**
 * Waits until the incident job has applied an acknowledgement (the incident is no longer OPEN),
 * since the console refuses a dispatch of an OPEN incident; gives up after 15 s.
 */
async function leftOpen(incidentId) {
  const deadline = Date.now() + 15000;
  for (;;) {
    const d = await api.incident(incidentId);
    if (d && d.incident && d.incident.state !== 'OPEN') return;
    if (Date.now() > deadline) {
      throw { detail: 'Acknowledged, but the incident is still open after 15 s: dispatch again in a moment.' };
    }
    await new Promise((r) => setTimeout(r, 400));
  }
}

/** The dispatch dialog: choose one or more agencies, optionally add a note. */
export async function dispatchDialog(incident, suggested = []) {
  // An OPEN incident must be acknowledged before it can be dispatched: the dialog does both, in
  // that order (commands of one incident are applied in the order they are sent).
  const ackFirst = incident.state === 'OPEN';
  let list;
  try {
    list = await agencies();
  } catch (e) {
    showError(e, 'Agencies could not be loaded');
    return false;
  }
  const already = new Set(incident.agencyIds || []);
  let acknowledged = false;
  const boxes = list.map((a) =>
    h(
      'label',
      { class: 'check' },
      h('input', {
        type: 'checkbox',
        name: 'agencyIds',
        value: a.agencyId,
        'data-testid': `dispatch-agency-${a.agencyId}`,
        checked: suggested.includes(a.agencyId) && !already.has(a.agencyId),
      }),
      ' ',
      a.name,
      already.has(a.agencyId) ? h('span', { class: 'muted' }, ' (dispatched already)') : null,
    ),
  );
  const note = h('textarea', { name: 'note', rows: 3, 'data-testid': 'dispatch-note', placeholder: 'What the agency should know' });
  const result = await openDialog({
    title: `Dispatch ${incident.sourceName || incident.sourceId || ''}`,
    testid: 'dispatch-dialog',
    submitLabel: 'Dispatch',
    body: h(
      'div',
      {},
      h(
        'fieldset',
        { class: 'agency-choice', 'data-field': 'agencyIds' },
        h('legend', {}, 'Agencies'),
        list.length ? boxes : h('p', { class: 'muted' }, 'No agencies are configured.'),
      ),
      field('Note (optional)', note),
      ackFirst ? h('p', { class: 'hint' }, 'The incident is open: it will be acknowledged first.') : null,
    ),
    onSubmit: async (form) => {
      const agencyIds = [...form.querySelectorAll('input[name=agencyIds]:checked')].map((i) => i.value);
      if (!agencyIds.length) throw { detail: 'Choose at least one agency.', field: 'agencyIds' };
      if (ackFirst && !acknowledged) {
        await api.command(incident.incidentId, { type: 'ACKNOWLEDGE', commandId: newId() });
        acknowledged = true;
      }
      if (ackFirst) await leftOpen(incident.incidentId);
      const body = { type: 'DISPATCH', commandId: newId(), agencyIds };
      if (note.value.trim()) body.note = note.value.trim();
      await api.command(incident.incidentId, body);
      return agencyIds;
    },
  });
  if (result) toast(`Dispatch to ${result.map((id) => agencyName(id, list)).join(', ')} sent`, 'ok');
  return !!result;
}

/** A command that needs a text: NOTE, FEEDBACK, RESOLVE (optional text). */
export async function textDialog(incident, type) {
  const required = type === 'NOTE' || type === 'FEEDBACK';
  const titles = { NOTE: 'Add a note', FEEDBACK: 'Report findings', RESOLVE: 'Resolve' };
  const text = h('textarea', { name: 'note', rows: 4, required, 'data-testid': `${type.toLowerCase()}-text` });
  const result = await openDialog({
    title: `${titles[type] || label(type)} — ${incident.sourceName || incident.sourceId || incident.incidentId}`,
    testid: `${type.toLowerCase()}-dialog`,
    submitLabel: titles[type] || label(type),
    body: field(required ? 'Text' : 'Text (optional)', text),
    onSubmit: async () => {
      const note = text.value.trim();
      if (required && !note) throw { detail: 'Write something first.', field: 'note' };
      const body = { type, commandId: newId() };
      if (note) body.note = note;
      await api.command(incident.incidentId, body);
    },
  });
  if (result) toast(`${label(type)} sent`, 'ok');
  return !!result;
}

export async function mergeDialog(incident, candidates = []) {
  const input = h('input', { name: 'mergeInto', list: 'merge-candidates', required: true, 'data-testid': 'merge-into', autocomplete: 'off' });
  const datalist = h(
    'datalist',
    { id: 'merge-candidates' },
    candidates
      .filter((c) => c.incidentId !== incident.incidentId)
      .map((c) => h('option', { value: c.incidentId }, `${c.sourceName || c.sourceId} · ${c.severity} · ${label(c.state)}`)),
  );
  const result = await openDialog({
    title: 'Merge into another incident',
    testid: 'merge-dialog',
    submitLabel: 'Merge',
    body: h('div', {}, field('Incident id to merge into', input, { hint: 'This incident becomes MERGED; its alerts join the other.' }), datalist),
    onSubmit: async () => {
      const mergeInto = input.value.trim();
      if (!mergeInto) throw { detail: 'Name the incident to merge into.', field: 'mergeInto' };
      if (mergeInto === incident.incidentId) throw { detail: 'An incident cannot be merged into itself.', field: 'mergeInto' };
      await api.command(incident.incidentId, { type: 'MERGE', commandId: newId(), mergeInto });
    },
  });
  if (result) toast('Merge sent', 'ok');
  return !!result;
}

export async function silenceDialog(incident) {
  const until = h('input', {
    type: 'datetime-local',
    name: 'silenceUntil',
    required: true,
    value: toLocalInput(Date.now() + 2 * 3600 * 1000),
    'data-testid': 'silence-until',
  });
  const note = h('textarea', { name: 'note', rows: 2, 'data-testid': 'silence-note' });
  const result = await openDialog({
    title: `Silence ${incident.sourceName || incident.sourceId}`,
    testid: 'silence-dialog',
    submitLabel: 'Silence',
    body: h(
      'div',
      {},
      field('Until (local time)', until, { hint: 'New alerts of this source are kept but not raised until then.' }),
      field('Reason (optional)', note),
    ),
    onSubmit: async () => {
      const silenceUntil = fromLocalInput(until.value);
      if (!silenceUntil) throw { detail: 'Choose an end time.', field: 'silenceUntil' };
      if (new Date(silenceUntil).getTime() <= Date.now()) throw { detail: 'The end time must be in the future.', field: 'silenceUntil' };
      const body = { type: 'SILENCE', commandId: newId(), silenceUntil, sourceId: incident.sourceId };
      if (note.value.trim()) body.note = note.value.trim();
      await api.command(incident.incidentId, body);
    },
  });
  if (result) toast('Silence sent', 'ok');
  return !!result;
}

/** Runs the command `type` on an incident summary, opening its dialog when it needs one. */
export function issue(incident, type, { suggestedAgencies, candidates } = {}) {
  switch (type) {
    case 'DISPATCH':
      return dispatchDialog(incident, suggestedAgencies || []);
    case 'NOTE':
    case 'FEEDBACK':
    case 'RESOLVE':
      return textDialog(incident, type);
    case 'MERGE':
      return mergeDialog(incident, candidates || []);
    case 'SILENCE':
      return silenceDialog(incident);
    default:
      return simple(incident.incidentId, type);
  }
}

/** Button labels, in users' words. */
export const COMMAND_LABELS = {
  ACKNOWLEDGE: 'Acknowledge',
  DISPATCH: 'Dispatch…',
  NOTE: 'Note…',
  ARRIVE: 'Arrived on scene',
  FEEDBACK: 'Feedback…',
  RESOLVE: 'Resolve…',
  CLOSE: 'Close',
  MERGE: 'Merge…',
  REOPEN: 'Reopen',
  ESCALATE: 'Escalate',
  SILENCE: 'Silence…',
};
