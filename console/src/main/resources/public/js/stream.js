// The live push of GET /api/stream (WebSocket). Keeps the last cursor it saw and, after a drop,
// reconnects with ?after=cursor so nothing is missed, backing off 1 s, 2 s, 4 s ... up to 30 s
// (with jitter). {"kind":"reset"} means the server can no longer serve our cursor: listeners of
// 'reset' reload their lists from the REST API.

const listeners = new Map(); // kind → Set(fn); kinds: alert, incident, delivery, source, rule, reset, status
let socket = null;
let cursor = null;
let attempt = 0;
let timer = null;
let stopped = true;
let status = 'offline';
let lastMessageAt = 0;
let watchdog = null;

/** Subscribes to a kind of message; returns the unsubscribe function. */
export function on(kind, fn) {
  if (!listeners.has(kind)) listeners.set(kind, new Set());
  listeners.get(kind).add(fn);
  return () => listeners.get(kind).delete(fn);
}

function emit(kind, data, message) {
  for (const fn of listeners.get(kind) || []) {
    try {
      fn(data, message);
    } catch (e) {
      console.error('stream listener failed', kind, e);
    }
  }
}

function setStatus(next, detail) {
  status = next;
  emit('status', { status: next, detail, cursor, attempt });
}

export function streamStatus() {
  return status;
}

export function lastCursor() {
  return cursor;
}

export function start() {
  stopped = false;
  connect();
  clearInterval(watchdog);
  // The server pings every 20 s: a socket silent for 60 s is dead even if the browser has not noticed.
  watchdog = setInterval(() => {
    if (socket && socket.readyState === WebSocket.OPEN && Date.now() - lastMessageAt > 60000) {
      socket.close(4000, 'no ping');
    }
  }, 10000);
}

/** Closes the socket and forgets the cursor (on sign-out). */
export function stop() {
  stopped = true;
  clearTimeout(timer);
  clearInterval(watchdog);
  cursor = null;
  attempt = 0;
  if (socket) socket.close(1000, 'signed out');
  socket = null;
  setStatus('offline');
}

function connect() {
  clearTimeout(timer);
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${proto}//${location.host}/api/stream` + (cursor ? `?after=${encodeURIComponent(cursor)}` : '');
  setStatus(attempt === 0 ? 'connecting' : 'reconnecting');
  let ws;
  try {
    ws = new WebSocket(url);
  } catch (e) {
    scheduleReconnect(e.message);
    return;
  }
  socket = ws;
  ws.addEventListener('open', () => {
    if (socket !== ws) return;
    attempt = 0;
    lastMessageAt = Date.now();
    setStatus('live');
  });
  ws.addEventListener('message', (e) => {
    if (socket !== ws) return;
    lastMessageAt = Date.now();
    let message;
    try {
      message = JSON.parse(e.data);
    } catch {
      return;
    }
    if (message.kind === 'ping') return;
    if (message.kind === 'hello') {
      // The position this connection starts from: resume from here even if no event follows.
      if (message.cursor !== undefined && message.cursor !== null) cursor = message.cursor;
      emit('hello', null, message);
      return;
    }
    if (message.kind === 'reset') {
      // The reset carries the position to go on from; what came before it is in the lists.
      cursor = message.cursor ?? null;
      emit('reset', null, message);
      return;
    }
    if (message.cursor !== undefined && message.cursor !== null) cursor = message.cursor;
    emit(message.kind, message.data, message);
    emit('*', message.data, message);
  });
  ws.addEventListener('close', (e) => {
    if (socket !== ws) return;
    socket = null;
    if (stopped) return;
    if (e.code === 4401) {
      // The server refused the session: reconnecting cannot help until the user signs in again.
      setStatus('offline', e.reason);
      emit('unauthenticated', e.reason);
      return;
    }
    scheduleReconnect(e.reason || `closed (${e.code})`);
  });
  ws.addEventListener('error', () => {
    // 'close' follows and schedules the reconnect.
  });
}

function scheduleReconnect(reason) {
  if (stopped) return;
  const base = Math.min(30000, 1000 * 2 ** attempt);
  const delay = Math.round(base / 2 + (Math.random() * base) / 2);
  attempt += 1;
  setStatus('reconnecting', `${reason}; retrying in ${Math.round(delay / 1000)} s`);
  timer = setTimeout(connect, delay);
}
