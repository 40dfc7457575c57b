// Admin: the console's users — create, change role (and agency), disable, reset a password.
import { api } from '../api.js';
import * as commands from '../commands.js';
import { errorPanel, showError, toast, openDialog, field } from '../ui.js';
import { h, mount, label, timeEl } from '../util.js';

const ROLES = ['OPERATOR', 'ENV_STAFF', 'AGENCY', 'ADMIN'];

export async function render(main) {
  const tbody = h('tbody');
  const agencyOptions = h('datalist', { id: 'agency-options' });
  const username = h('input', { id: 'user-username', name: 'username', required: true, autocomplete: 'off' });
  const displayName = h('input', { id: 'user-displayName', name: 'displayName', autocomplete: 'off' });
  const role = h('select', { id: 'user-role', name: 'role' }, ROLES.map((r) => h('option', { value: r }, label(r))));
  const agencyId = h('input', { id: 'user-agencyId', name: 'agencyId', list: 'agency-options', autocomplete: 'off' });
  const password = h('input', { id: 'user-password', name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 12 });
  const createError = h('div', { class: 'field-error', role: 'alert', id: 'user-create-error' });
  const agencyField = field('Agency (for agency users)', agencyId);
  const form = h(
    'form',
    { id: 'user-create-form', class: 'inline-form', novalidate: true },
    h('h2', {}, 'New user'),
    field('User name', username),
    field('Display name', displayName),
    field('Role', role),
    agencyField,
    field('Initial password (12+ characters)', password),
    h('button', { type: 'submit', class: 'btn primary', id: 'user-create-submit' }, 'Create'),
    createError,
  );
  mount(
    main,
    h(
      'section',
      { class: 'users-view' },
      h('h1', {}, 'Users'),
      h('div', { class: 'split' }, h('table', { id: 'users-table', class: 'data-table' }, h('thead', {}, h('tr', {}, ['User', 'Role', 'Agency', 'State', 'Changed', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))), tbody), form),
      agencyOptions,
    ),
  );
  const toggleAgency = () => agencyField.classList.toggle('dimmed', role.value !== 'AGENCY');
  role.addEventListener('change', toggleAgency);
  toggleAgency();

  commands.agencies().then(
    (list) => mount(agencyOptions, list.map((a) => h('option', { value: a.agencyId }, a.name))),
    () => {},
  );

  function clearFieldErrors() {
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
  }
  function fieldError(name, text) {
    const input = form.querySelector(`[name="${name}"]`);
    const slot = input && document.getElementById(`${input.id}-error`);
    if (slot) slot.textContent = text;
    else createError.textContent = text;
    if (input) input.focus();
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors();
    if (!username.value.trim()) return fieldError('username', 'Required.');
    if (role.value === 'AGENCY' && !agencyId.value.trim()) return fieldError('agencyId', 'Agency users need an agency.');
    if (password.value.length < 12) return fieldError('password', '12 characters or more.');
    try {
      await api.createUser({
        username: username.value.trim(),
        displayName: displayName.value.trim() || null,
        role: role.value,
        agencyId: role.value === 'AGENCY' ? agencyId.value.trim() : null,
        password: password.value,
      });
      toast(`User ${username.value.trim()} created`, 'ok');
      form.reset();
      toggleAgency();
      load();
    } catch (err) {
      fieldError(err.field || (err.status === 409 ? 'username' : ''), err.detail);
    }
  });

  async function update(user, changes, what) {
    try {
      await api.updateUser(user.username, changes);
      toast(`${user.username}: ${what}`, 'ok');
    } catch (err) {
      showError(err, `${user.username} not changed`);
    }
    load();
  }

  async function changeRole(user, newRole, select) {
    let agency = null;
    if (newRole === 'AGENCY') {
      const input = h('input', { name: 'agencyId', list: 'agency-options', value: user.agencyId || '', required: true });
      agency = await openDialog({
        title: `Agency of ${user.username}`,
        body: field('Agency id', input),
        submitLabel: 'Change role',
        onSubmit: async () => {
          if (!input.value.trim()) throw { detail: 'Agency users need an agency.', field: 'agencyId' };
          return input.value.trim();
        },
      });
      if (!agency) {
        select.value = user.role;
        return;
      }
    }
    update(user, { role: newRole, agencyId: agency }, `role ${label(newRole)}`);
  }

  async function resetPassword(user) {
    const input = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', minlength: 12, required: true, 'data-testid': 'reset-password-input' });
    const ok = await openDialog({
      title: `New password for ${user.username}`,
      testid: 'reset-password-dialog',
      body: h('div', {}, field('New password (12+ characters)', input), h('p', { class: 'hint' }, 'Tell the user in person; they can change it after signing in.')),
      submitLabel: 'Set password',
      onSubmit: async () => {
        if (input.value.length < 12) throw { detail: '12 characters or more.', field: 'password' };
        await api.updateUser(user.username, { password: input.value });
      },
    });
    if (ok) toast(`Password of ${user.username} reset`, 'ok');
  }

  async function load() {
    try {
      const users = (await api.users()) || [];
      mount(
        tbody,
        users
          .sort((a, b) => a.username.localeCompare(b.username))
          .map((u) => {
            const roleSelect = h('select', { 'data-testid': 'user-role', 'aria-label': `Role of ${u.username}` }, ROLES.map((r) => h('option', { value: r, selected: r === u.role }, label(r))));
            roleSelect.addEventListener('change', () => changeRole(u, roleSelect.value, roleSelect));
            return h(
              'tr',
              { 'data-username': u.username, class: u.disabled ? 'disabled-row' : '' },
              h('td', {}, h('strong', {}, u.displayName || u.username), h('div', { class: 'muted small' }, u.username)),
              h('td', {}, roleSelect),
              h('td', {}, u.agencyId || '—'),
              h('td', {}, u.disabled ? h('span', { class: 'badge status-OFFLINE' }, 'Disabled') : h('span', { class: 'badge status-NORMAL' }, 'Active')),
              h('td', {}, timeEl(u.updatedAt)),
              h(
                'td',
                { class: 'actions' },
                h('button', { type: 'button', class: 'btn small', 'data-testid': 'user-disable', onclick: () => update(u, { disabled: !u.disabled }, u.disabled ? 'enabled' : 'disabled') }, u.disabled ? 'Enable' : 'Disable'),
                h('button', { type: 'button', class: 'btn small', 'data-testid': 'user-reset-password', onclick: () => resetPassword(u) }, 'Reset password'),
              ),
            );
          }),
      );
    } catch (e) {
      mount(tbody, h('tr', {}, h('td', { colspan: 6 }, errorPanel(e, 'Users'))));
    }
  }
  await load();
}
