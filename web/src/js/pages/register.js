// Resident registration: name, an email or a phone number (or both), password, district.
// No resident registration number (주민등록번호) is asked for, ever.
import { h } from '../dom.js';
import { lang } from '../i18n.js';
import { api } from '../api.js';
import { field, errorSummary, showErrors, showApiError, values, busy } from '../forms.js';
import { signIn } from '../session.js';

export const titleKey = 'page.register.title';

const MIN_PASSWORD = 10;

export async function render({ navigate }) {
  let districts = [];
  let districtsFailed = false;
  try {
    districts = (await api.get('/api/v1/districts')).items || [];
  } catch {
    districtsFailed = true;
  }

  const form = h('form', { id: 'register-form', class: 'krds-form', attrs: { novalidate: true } });
  form.append(
    errorSummary(form),
    field(form, { name: 'name', labelKey: 'field.name', required: true, autocomplete: 'name' }),
    h('fieldset', { class: 'contact-fieldset' },
      h('legend', { class: 'fieldset-legend', i18n: 'register.contact_legend' }),
      h('p', { class: 'form-hint', i18n: 'register.contact_hint' }),
      field(form, { name: 'email', labelKey: 'field.email', type: 'email', autocomplete: 'email', inputmode: 'email' }),
      field(form, {
        name: 'phone', labelKey: 'field.phone', type: 'tel', autocomplete: 'tel', inputmode: 'tel',
        hintKey: 'field.phone_hint',
      })),
    field(form, {
      name: 'password', labelKey: 'field.password', type: 'password', required: true,
      autocomplete: 'new-password', hintKey: 'field.new_password_hint',
    }),
    field(form, {
      name: 'password_confirm', labelKey: 'field.password_confirm', type: 'password', required: true,
      autocomplete: 'new-password',
    }),
    field(form, {
      name: 'district_code', labelKey: 'field.district', required: true, hintKey: 'field.district_hint',
      options: [{ value: '', i18n: 'field.district_choose' },
        ...districts.map((d) => ({ value: d.code, ko: d.name_ko, en: d.name_en }))],
    }),
    h('p', { class: 'privacy-note', i18n: 'register.privacy' }),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'krds-btn primary large', i18n: 'register.submit' })));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = values(form);
    const errs = [];
    if (!v.name) errs.push({ field: 'name', key: 'validation.name_required' });
    if (!v.email && !v.phone) errs.push({ field: 'email', key: 'validation.contact_required' });
    if (v.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email)) errs.push({ field: 'email', key: 'validation.email_format' });
    if (v.phone && !/^[0-9+\-\s()]{9,20}$/.test(v.phone)) errs.push({ field: 'phone', key: 'validation.phone_format' });
    if (!v.password) errs.push({ field: 'password', key: 'validation.password_required' });
    else if (v.password.length < MIN_PASSWORD) errs.push({ field: 'password', key: 'validation.password_short' });
    if (v.password && v.password !== v.password_confirm) {
      errs.push({ field: 'password_confirm', key: 'validation.password_mismatch' });
    }
    if (!v.district_code) {
      errs.push({ field: 'district_code', key: districtsFailed ? 'validation.districts_unavailable' : 'validation.district_required' });
    }
    if (errs.length) {
      showErrors(form, errs);
      return;
    }
    const body = { name: v.name, password: v.password, district_code: v.district_code, locale: lang() };
    if (v.email) body.email = v.email;
    if (v.phone) body.phone = v.phone;
    await busy(form, async () => {
      try {
        await api.post('/api/v1/auth/register', body);
      } catch (e) {
        showApiError(form, e);
        return;
      }
      try {
        await signIn(v.email || v.phone, v.password);
        navigate('/');
      } catch {
        navigate('/signin?notice=registered');
      }
    });
  });

  return h('div', { class: 'container narrow page-register' },
    h('h1', { class: 'page-title', i18n: 'page.register.title' }),
    h('p', { class: 'page-lead', i18n: 'register.lead' }),
    districtsFailed ? h('div', { class: 'notice notice-warning', attrs: { role: 'status' } },
      h('p', { i18n: 'register.districts_failed' })) : null,
    form,
    h('div', { class: 'aside-links' },
      h('p', {}, h('span', { i18n: 'register.have_account' }), ' ',
        h('a', { href: '/signin', class: 'krds-btn text medium', i18n: 'register.signin_link' }))));
}
