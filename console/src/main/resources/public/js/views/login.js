// Sign-in: POST /api/session. Wrong name or password and lock-outs are shown with the server's detail.
import { api } from '../api.js';
import { h, mount } from '../util.js';

export function render(main, { onSignedIn }) {
  document.title = 'Sign in — Vigil';
  const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('div', { id: 'login-error', class: 'field-error', role: 'alert' });
  const submit = h('button', { id: 'login-submit', type: 'submit', class: 'btn primary' }, 'Sign in');
  const form = h(
    'form',
    { id: 'login-form', class: 'login-form', 'aria-labelledby': 'login-title', novalidate: true },
    h('h1', { id: 'login-title' }, 'Sign in to Vigil'),
    h('div', { class: 'field' }, h('label', { for: 'login-username' }, 'User name'), username),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, 'Password'), password),
    error,
    submit,
    h('p', { class: 'muted small' }, 'Sessions end after 30 minutes without activity.'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    mount(error);
    if (!username.value.trim() || !password.value) {
      mount(error, 'Enter your user name and password.');
      (username.value.trim() ? password : username).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      const answer = await api.signIn(username.value.trim(), password.value);
      const user = (answer && answer.user) || (await api.session());
      password.value = '';
      onSignedIn(user);
    } catch (err) {
      let text = err.detail;
      if (err.status === 429 && err.retryAfter) {
        const minutes = Math.ceil(Number(err.retryAfter) / 60);
        text += Number.isFinite(minutes) ? ` (try again in ${minutes} min)` : '';
      }
      mount(error, text);
      password.select();
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  });
  mount(main, h('div', { class: 'login-page' }, form));
  username.focus();
}
