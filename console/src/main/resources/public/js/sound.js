// The audible cue for new critical incidents, synthesized with WebAudio (no sound files), and
// the mute switch, remembered in localStorage across reloads.

const KEY = 'vigil.muted';
let ctx = null;
let lastCueAt = 0;

export function isMuted() {
  return localStorage.getItem(KEY) === 'true';
}

export function setMuted(muted) {
  localStorage.setItem(KEY, muted ? 'true' : 'false');
  document.dispatchEvent(new CustomEvent('vigil:mute', { detail: { muted } }));
}

/**
 * Browsers only let a page make sound after a user gesture: call this from the first click or key
 * press so the context exists (and is running) before the first incident arrives.
 */
export function unlockAudio() {
  try {
    if (!ctx) ctx = new (window.AudioContext || window.webkitAudioContext)();
    if (ctx.state === 'suspended') ctx.resume();
  } catch {
    ctx = null;
  }
}

/** Whether the browser would actually play a cue now (audio unlocked and not muted). */
export function audioReady() {
  return !isMuted() && ctx !== null && ctx.state === 'running';
}

/**
 * Plays the cue: two rising tones for ALARM, three urgent ones for SEVERE. Repeats within two
 * seconds are dropped so a burst of incidents does not make a siren of the wall.
 */
export function cue(severity) {
  if (isMuted()) return false;
  const now = Date.now();
  if (now - lastCueAt < 2000) return false;
  lastCueAt = now;
  unlockAudio();
  if (!ctx) return false;
  const tones = severity === 'SEVERE' ? [880, 1175, 880, 1175] : [660, 880];
  const start = ctx.currentTime + 0.02;
  tones.forEach((freq, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = severity === 'SEVERE' ? 'square' : 'sine';
    osc.frequency.value = freq;
    const t = start + i * 0.18;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.18, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.16);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + 0.17);
  });
  return true;
}
