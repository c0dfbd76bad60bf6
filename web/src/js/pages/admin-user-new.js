// 직원 계정 만들기 / New staff account: name, an email or a phone number, and a first role with its scope
// (POST /api/v1/admin/users). The server makes a password and answers with it once (initial_password); the page
// shows it once, clearly, with what to do with it, and never puts it in the address or anywhere it could be read
// again. Refusals: 422 field errors next to their fields, 409 (the contact is taken) on the email or phone.
import { h } from '../dom.js';
import { api, ApiError } from '../api.js';
import { field, errorSummary, clearErrors, showErrors, showApiError, busy, values } from '../forms.js';
import { loadOrganisations, grantFields, grantText } from '../admin/accounts.js';

export const titleKey = 'page.admin_user_new.title';

function createdPanel(user, secret, orgs) {
  const code = h('code', { id: 'initial-password', class: 'secret' }, secret || '');
  const copied = h('span', { class: 'muted', attrs: { role: 'status', 'aria-live': 'polite' } });
  const copy = h('button', {
    type: 'button', id: 'copy-password', class: 'krds-btn small secondary', i18n: 'admin_user_new.copy',
    on: {
      click: async () => {
        try {
          await navigator.clipboard.writeText(secret);
          copied.dataset.i18n = 'admin_user_new.copied';
        } catch {
          // No clipboard (plain http, or refused): select the text so Ctrl+C copies it.
          const range = document.createRange();
          range.selectNodeContents(code);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
          copied.dataset.i18n = 'admin_user_new.copy_select';
        }
        copied.textContent = '';
        copied.append(h('span', { i18n: copied.dataset.i18n }));
      },
    },
  });
  const login = user.email || user.phone;
  return h('section', {
    class: 'booking-status ok created-panel', id: 'staff-created',
    attrs: { 'aria-labelledby': 'created-h', tabindex: '-1' },
  },
  h('h2', { id: 'created-h', class: 'section-title', i18n: 'admin_user_new.created' }),
  h('dl', { class: 'kv' },
    h('dt', { i18n: 'field.name' }), h('dd', {}, user.name),
    h('dt', { i18n: 'admin_user_new.login' }), h('dd', { id: 'created-login' }, login),
    h('dt', { i18n: 'admin_user.role' }), h('dd', {}, (user.roles || []).map((g) => grantText(orgs, g)).join(', '))),
  secret
    ? h('div', { class: 'secret-box' },
      h('p', { class: 'secret-label' }, h('strong', { i18n: 'admin_user_new.secret_label' })),
      h('p', {}, code, ' ', copy, ' ', copied),
      h('p', { class: 'notice notice-warning', id: 'secret-once', i18n: 'admin_user_new.secret_once' }),
      h('p', { i18n: 'admin_user_new.secret_how' }))
    : h('p', { i18n: 'admin_user_new.no_secret' }),
  h('p', {},
    h('a', { href: `/admin/users/${user.id}`, id: 'created-account', class: 'krds-btn small secondary', i18n: 'admin_user_new.to_account' }), ' ',
    h('a', { href: '/admin/users', class: 'krds-btn small tertiary', i18n: 'admin_user.back' })));
}

export async function render() {
  const orgs = await loadOrganisations();
  const form = h('form', { id: 'staff-form', class: 'krds-form', attrs: { novalidate: true } });
  form.append(errorSummary(form));
  const who = h('fieldset', { class: 'contact-fieldset' }, h('legend', { class: 'fieldset-legend', i18n: 'admin_user_new.who' }),
    field(form, { name: 'name', labelKey: 'field.name', required: true, autocomplete: 'off', attrs: { maxlength: 50 } }),
    h('p', { class: 'form-hint', id: 'contact-hint', i18n: 'admin_user_new.contact_hint' }),
    field(form, { name: 'email', labelKey: 'field.email', type: 'email', autocomplete: 'off' }),
    field(form, { name: 'phone', labelKey: 'field.phone', hintKey: 'field.phone_hint', type: 'tel', inputmode: 'tel', autocomplete: 'off' }));
  const role = h('fieldset', { class: 'contact-fieldset' }, h('legend', { class: 'fieldset-legend', i18n: 'admin_user_new.first_role' }),
    h('p', { class: 'form-hint', i18n: 'admin_user_new.first_role_hint' }));
  const grant = grantFields(form, orgs, { prefix: 'roles[0].', into: role });
  form.append(who, role, h('div', { class: 'form-actions' },
    h('button', { type: 'submit', class: 'krds-btn primary large', i18n: 'admin_user_new.submit' })));
  // The email field says that one of the two contacts is needed.
  const email = form.querySelector('#staff-form-email');
  email.setAttribute('aria-describedby', `contact-hint ${email.getAttribute('aria-describedby') || ''}`.trim());

  const page = h('div', { class: 'container narrow page-admin-user-new' },
    h('p', {}, h('a', { href: '/admin/users', id: 'back-to-users', i18n: 'admin_user.back' })),
    h('h1', { class: 'page-title', i18n: 'page.admin_user_new.title' }),
    h('p', { class: 'page-lead', i18n: 'admin_user_new.lead' }),
    form);

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    // What can be checked here is checked before anything is sent (and before the button is disabled).
    clearErrors(form);
    const v = values(form);
    const errors = [];
    if (!v.name) errors.push({ field: 'name', key: 'admin_user_new.name_required' });
    if (!v.email && !v.phone) errors.push({ field: 'email', key: 'admin_user_new.contact_required' });
    const g = grant.read();
    if (g.errors) errors.push(...g.errors);
    if (errors.length) {
      showErrors(form, errors);
      return;
    }
    const body = { name: v.name, roles: [g.grant] };
    if (v.email) body.email = v.email;
    if (v.phone) body.phone = v.phone;
    busy(form, async () => {
      try {
        const res = await api.post('/api/v1/admin/users', body);
        const panel = createdPanel(res.user, res.initial_password, orgs);
        form.replaceWith(panel);
        panel.focus();
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) throw e;
        const p = e instanceof ApiError ? e.problem : {};
        if (e instanceof ApiError && e.status === 409) {
          // The email or phone number already belongs to an account.
          showErrors(form, [{ field: v.email ? 'email' : 'phone', ko: p.title_ko || p.title, en: p.title || p.title_ko }], p);
        } else if (e instanceof ApiError && e.fieldErrors.length) {
          showErrors(form, e.fieldErrors.map((x) => (x.field === 'roles' ? { ...x, field: 'roles[0].role' } : x)), p);
        } else {
          showApiError(form, e);
        }
      }
    });
  });
  return page;
}
