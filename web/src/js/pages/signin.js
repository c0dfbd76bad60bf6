// Sign in with an email or a phone number and a password.
import { h } from '../dom.js';
import { field, errorSummary, showErrors, showApiError, values, busy } from '../forms.js';
import { signIn } from '../session.js';
import { safeNext } from '../router.js';

export const titleKey = 'page.signin.title';

const NOTICES = {
  signed_out: 'notice.signed_out',
  registered: 'notice.registered',
  expired: 'notice.expired',
};

export async function render({ query, navigate }) {
  const form = h('form', { id: 'signin-form', class: 'krds-form', attrs: { novalidate: true } });
  form.append(
    errorSummary(form),
    field(form, {
      name: 'login', labelKey: 'field.login', hintKey: 'field.login_hint', required: true,
      autocomplete: 'username',
    }),
    field(form, {
      name: 'password', labelKey: 'field.password', type: 'password', required: true,
      autocomplete: 'current-password',
    }),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'krds-btn primary large', i18n: 'signin.submit' })));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = values(form);
    const missing = [];
    if (!v.login) missing.push({ field: 'login', key: 'validation.login_required' });
    if (!v.password) missing.push({ field: 'password', key: 'validation.password_required' });
    if (missing.length) {
      showErrors(form, missing);
      return;
    }
    await busy(form, async () => {
      try {
        await signIn(v.login, v.password);
      } catch (e) {
        showApiError(form, e);
        return;
      }
      navigate(safeNext(query.get('next')));
    });
  });

  const noticeKey = NOTICES[query.get('notice')];
  return h('div', { class: 'container narrow page-signin' },
    h('h1', { class: 'page-title', i18n: 'page.signin.title' }),
    h('p', { class: 'page-lead', i18n: 'signin.lead' }),
    noticeKey ? h('div', { class: 'notice', attrs: { role: 'status' } }, h('p', { i18n: noticeKey })) : null,
    form,
    h('div', { class: 'aside-links' },
      h('p', {}, h('span', { i18n: 'signin.no_account' }), ' ',
        h('a', { href: '/register', class: 'krds-btn text medium', i18n: 'signin.register_link' }))));
}
