// Which commands the signed-in user may issue in which incident state: the same table as
// IncidentLifecycle in the events module, so buttons are only offered where the server would
// accept them (the server still checks, and its refusal is shown with its detail).

const ACTIVE = ['OPEN', 'ACKNOWLEDGED', 'DISPATCHED', 'ON_SCENE'];
const WITH_AGENCY = ['DISPATCHED', 'ON_SCENE'];
const ALL = ['OPEN', 'ACKNOWLEDGED', 'DISPATCHED', 'ON_SCENE', 'RESOLVED', 'CLOSED', 'MERGED'];

const STAFF_FROM = {
  ACKNOWLEDGE: ['OPEN'],
  DISPATCH: ['ACKNOWLEDGED', 'DISPATCHED', 'ON_SCENE'],
  NOTE: ALL,
  RESOLVE: ['ACKNOWLEDGED', 'DISPATCHED', 'ON_SCENE'],
  CLOSE: ['RESOLVED'],
  MERGE: ['OPEN', 'ACKNOWLEDGED', 'DISPATCHED', 'ON_SCENE', 'RESOLVED'],
  REOPEN: ['RESOLVED', 'CLOSED'],
  ESCALATE: ACTIVE,
  SILENCE: ALL.filter((s) => s !== 'MERGED'),
};

const AGENCY_FROM = {
  ACKNOWLEDGE: WITH_AGENCY,
  ARRIVE: WITH_AGENCY,
  FEEDBACK: ['DISPATCHED', 'ON_SCENE', 'RESOLVED'],
  RESOLVE: WITH_AGENCY,
  NOTE: ALL,
};

export const STAFF_ROLES = ['OPERATOR', 'ENV_STAFF', 'ADMIN'];

export function isStaff(user) {
  return !!user && STAFF_ROLES.includes(user.role);
}

/** The commands this user may issue on an incident in `state`, in the order buttons show them. */
// With the incident's summary, an agency that acknowledged its dispatch already is not offered
// ACKNOWLEDGE again (IncidentLifecycle refuses a second one).
export function allowedCommands(user, state, incident) {
  if (!user) return [];
  const table = user.role === 'AGENCY' ? AGENCY_FROM : isStaff(user) ? STAFF_FROM : {};
  const acked = user.role === 'AGENCY' && ((incident && incident.acknowledgedBy) || []).includes(user.agencyId);
  return Object.keys(table).filter((type) => table[type].includes(state) && !(acked && type === 'ACKNOWLEDGE'));
}

export function mayIssue(user, type, state) {
  return allowedCommands(user, state).includes(type);
}
