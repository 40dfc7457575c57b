// Toasts, the screen-reader announcer and modal dialogs.
import { h, mount } from './util.js';

/** Shows a short message at the corner; errors stay until dismissed. */
export function toast(message, kind = 'info', { timeout } = {}) {
  const box = document.getElementById('toasts');
  const close = h('button', { class: 'toast-close', 'aria-label': 'Dismiss', type: 'button' }, '×');
  const el = h(
    'div',
    { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-testid': `toast-${kind}` },
    h('span', { class: 'toast-text' }, message),
    close,
  );
  close.addEventListener('click', () => el.remove());
  box.append(el);
  const ms = timeout ?? (kind === 'error' ? 15000 : 4000);
  if (ms > 0) setTimeout(() => el.remove(), ms);
  return el;
}

/** Shows an API error with its detail (and the field it names). */
export function showError(err, what) {
  const detail = err && err.detail ? err.detail : String((err && err.message) || err);
  const field = err && err.field ? ` (field ${err.field})` : '';
  const code = err && err.code ? ` [${err.code}]` : '';
  toast(`${what ? what + ': ' : ''}${detail}${field}${code}`, 'error');
}

/** A full-width error panel with the server's detail, for a view that could not load. */
export function errorPanel(err, what) {
  return h(
    'div',
    { class: 'error-panel', role: 'alert', 'data-testid': 'error-panel' },
    h('strong', {}, what || 'Could not load'),
    ': ',
    (err && err.detail) || String(err),
    err && err.code ? h('span', { class: 'muted' }, ` [${err.code}]`) : null,
  );
}

/** Says something to screen readers through the polite live region. */
export function announce(text, assertive = false) {
  const region = document.getElementById(assertive ? 'live-assertive' : 'live-polite');
  if (!region) return;
  region.textContent = '';
  // A new text node after a tick makes screen readers read it even when it repeats.
  setTimeout(() => (region.textContent = text), 30);
}

/**
 * Opens a modal dialog. `body` is a node (or a function building one from a `close` callback);
 * `actions` are [{label, value, primary, testid}] — the dialog resolves with the clicked action's
 * value (the submit action runs `onSubmit(form)` first and stays open when it throws), or null on
 * Escape/cancel.
 */
export function openDialog({ title, body, submitLabel = 'OK', testid, onSubmit, wide = false, cancel: withCancel = true }) {
  return new Promise((resolve) => {
    const errorBox = h('div', { class: 'dialog-error', role: 'alert', 'data-testid': 'dialog-error' });
    const submit = h('button', { type: 'submit', class: 'btn primary', 'data-testid': 'dialog-submit' }, submitLabel);
    const cancel = h('button', { type: 'button', class: 'btn', 'data-testid': 'dialog-cancel' }, 'Cancel');
    const form = h(
      'form',
      { method: 'dialog', class: 'dialog-form' },
      h('h2', { class: 'dialog-title', id: 'dialog-title' }, title),
      body,
      errorBox,
      h('div', { class: 'dialog-actions' }, withCancel ? cancel : null, submit),
    );
    const dialog = h(
      'dialog',
      { class: 'dialog' + (wide ? ' wide' : ''), 'data-testid': testid || 'dialog', 'aria-labelledby': 'dialog-title' },
      form,
    );
    document.body.append(dialog);
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    cancel.addEventListener('click', () => finish(null));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      finish(null);
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      mount(errorBox);
      submit.disabled = true;
      try {
        const value = onSubmit ? await onSubmit(form) : true;
        finish(value === undefined ? true : value);
      } catch (err) {
        mount(errorBox, (err && err.detail) || (err && err.message) || String(err));
        if (err && err.field) {
          const input = form.querySelector(`[name="${CSS.escape(err.field)}"]`);
          if (input) input.focus();
        }
      } finally {
        submit.disabled = false;
      }
    });
    dialog.showModal();
    const first = form.querySelector('input:not([type=hidden]), select, textarea');
    (first || submit).focus();
  });
}

/** A yes/no question. */
export async function confirmDialog(title, text, submitLabel = 'Confirm') {
  const result = await openDialog({ title, body: h('p', {}, text), submitLabel, testid: 'confirm-dialog' });
  return result === true;
}

/** A labelled form field: label + control + a slot for its error message. */
export function field(labelText, control, { hint, name } = {}) {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  const fieldName = name || control.name;
  const err = h('div', { class: 'field-error', id: `${id}-error`, 'data-error-for': fieldName || '' });
  control.setAttribute('aria-describedby', `${id}-error`);
  return h(
    'div',
    { class: 'field', 'data-field': fieldName || null },
    h('label', { for: id }, labelText),
    control,
    hint ? h('div', { class: 'hint' }, hint) : null,
    err,
  );
}
