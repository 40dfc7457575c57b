// Sound and screen-reader announcements for what needs someone now, on whatever screen the user
// is: for staff, a new ALARM/SEVERE incident or one escalating to that; for an agency, a new
// dispatch to it. Driven by the stream's incident events.
import * as stream from './stream.js';
import { cue } from './sound.js';
import { announce } from './ui.js';
import { sourceEntry } from './store.js';

const CRITICAL = ['ALARM', 'SEVERE'];
const RANK = { INFO: 0, WARNING: 1, ALARM: 2, SEVERE: 3 };

let off = null;

/** Starts watching for the signed-in user; call stop() on sign-out. */
export function start(user) {
  stop();
  const severities = new Map(); // incidentId → last severity seen
  const dispatchedTo = new Map(); // incidentId → agencies seen
  off = stream.on('incident', (ev) => {
    if (!ev || !ev.incidentId) return;
    const name = (sourceEntry(ev.sourceId) && sourceEntry(ev.sourceId).source.name) || ev.sourceId;
    if (user.role === 'AGENCY') {
      const before = dispatchedTo.get(ev.incidentId) || [];
      dispatchedTo.set(ev.incidentId, ev.agencyIds || []);
      if (ev.type === 'DISPATCHED' && (ev.agencyIds || []).includes(user.agencyId) && !before.includes(user.agencyId)) {
        cue(CRITICAL.includes(ev.severity) ? 'SEVERE' : 'ALARM');
        announce(`New dispatch: ${ev.severity} at ${name}${ev.detail ? ': ' + ev.detail : ''}`, true);
      }
      return;
    }
    const before = severities.get(ev.incidentId);
    severities.set(ev.incidentId, ev.severity);
    const opened = ev.type === 'OPENED' || ev.type === 'REOPENED';
    const escalated = before !== undefined && RANK[ev.severity] > RANK[before];
    if (!(opened || escalated)) return;
    const what = `${opened ? 'New' : 'Escalated'} ${ev.severity} incident at ${name}${ev.detail ? ': ' + ev.detail : ''}`;
    if (CRITICAL.includes(ev.severity)) {
      cue(ev.severity);
      announce(what, true);
    } else if (opened) {
      announce(what);
    }
  });
}

export function stop() {
  if (off) off();
  off = null;
}
