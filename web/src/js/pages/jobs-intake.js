// 신규 등록 / Intake: a counsellor registers a job seeker (name, phone, the day of the first interview, her profile)
// and opens her case, then goes to the case page. Never a resident registration number. The server checks the profile (KECO codes,
// competencies, schedules, wages in the right unit) and its field errors are shown beside the fields.
import { h } from '../dom.js';
import { api } from '../api.js';
import { field, errorSummary, clearErrors, showErrors, showApiError, busy, nearestFields } from '../forms.js';
import { ApiError } from '../api.js';
import { J, grantScope } from '../jobs/lib.js';
import { profileFields } from '../jobs/profile-form.js';
import { seoulDate } from '../seoul.js';

export const titleKey = 'page.jobs_intake.title';

export async function render({ user, navigate }) {
  const centre = grantScope(user, 'counsellor', 'centre');
  const form = h('form', { id: 'intake-form', class: 'krds-form prog-form jobs-form', attrs: { novalidate: true } });
  const profile = await profileFields(form, {});
  form.append(errorSummary(form),
    h('p', { class: 'privacy-note', i18n: 'jobs.intake_privacy' }),
    h('h2', { class: 'form-section-title', i18n: 'jobs.sec.person' }),
    field(form, { name: 'display_name', labelKey: 'jobs.f.name', required: true, autocomplete: 'off' }),
    field(form, { name: 'phone', labelKey: 'jobs.f.phone', hintKey: 'field.phone_hint', type: 'tel', inputmode: 'tel', autocomplete: 'off' }),
    field(form, { name: 'birth_year', labelKey: 'jobs.f.birth_year', type: 'number', inputmode: 'numeric', attrs: { min: 1900, max: 2100 } }),
    field(form, { name: 'opened_on', labelKey: 'jobs.f.opened_on', hintKey: 'jobs.f.opened_on_hint', type: 'date', value: seoulDate(), attrs: { max: seoulDate() } }),
    field(form, { name: 'entered_late', type: 'checkbox', labelKey: 'jobs.f.entered_late', hintKey: 'jobs.f.entered_late_hint' }),
    h('h2', { class: 'form-section-title', i18n: 'jobs.sec.profile' }),
    profile.el,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'jobs.intake_submit' })));

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form, async () => {
      clearErrors(form);
      const name = form.elements.display_name.value.trim();
      if (!name) {
        showErrors(form, [{ field: 'display_name', key: 'jobs.v.name_required' }]);
        return;
      }
      const body = { display_name: name, profile: profile.read() };
      if (centre) body.centre_id = centre.id;
      const phone = form.elements.phone.value.trim();
      if (phone) body.phone = phone;
      const by = form.elements.birth_year.value.trim();
      if (by) body.birth_year = Number(by);
      const opened = form.elements.opened_on.value;
      if (opened) body.opened_on = opened;
      if (form.elements.entered_late.checked) body.entered_late = true;
      try {
        const out = await api.post(`${J}/seekers`, body);
        navigate(`/jobs/cases/${out.case.id}?created=1`);
      } catch (e) {
        if (e instanceof ApiError && e.fieldErrors.length) showErrors(form, nearestFields(form, e.fieldErrors), e.problem);
        else showApiError(form, e);
      }
    });
  });

  return h('div', { class: 'container page-jobs-intake' },
    h('p', {}, h('a', { href: '/jobs', i18n: 'jobs.back_worklist' })),
    h('h1', { class: 'page-title', i18n: 'page.jobs_intake.title' }),
    centre ? h('p', { class: 'page-lead' }, h('span', { i18n: 'jobs.centre' }), ': ', centre.name || '') : null,
    form);
}
