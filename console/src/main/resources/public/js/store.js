// The source registry as the UI needs it everywhere (names, places, agencies, status), loaded
// once and refreshed when the stream says a source or an alert changed.
import { api } from './api.js';
import * as stream from './stream.js';
import { debounce } from './util.js';

let entries = null; // Promise<[{source, status, openAlerts, lastReportAt}]>
let byId = new Map();
const subscribers = new Set();

export function loadSources(force = false) {
  if (!entries || force) {
    entries = api
      .sources()
      .then((list) => {
        byId = new Map((list || []).map((e) => [e.source.sourceId, e]));
        return list || [];
      })
      .catch((e) => {
        entries = null;
        throw e;
      });
  }
  return entries;
}

/** The registry entry of a source already loaded, or undefined. */
export function sourceEntry(id) {
  return byId.get(id);
}

/** Called with the fresh list whenever it was reloaded because of a live change. */
export function onSourcesChanged(fn) {
  subscribers.add(fn);
  return () => subscribers.delete(fn);
}

const refresh = debounce(async () => {
  if (!subscribers.size) {
    entries = null;
    return;
  }
  try {
    const list = await loadSources(true);
    for (const fn of subscribers) fn(list);
  } catch (e) {
    console.warn('sources refresh failed', e);
  }
}, 1500);

stream.on('source', refresh);
stream.on('alert', refresh);
stream.on('reset', refresh);
