// The post-a-vacancy form: title, KECO occupation, required and preferred competencies (words or aliases), days and
// hours, wage with its unit, workplace area, start date, openings. Field names follow the server's paths, so its
// field errors ("hours.end", "wage.won", "workplace.area") land beside their controls.
import { h } from '../dom.js';
import { api } from '../api.js';
import { field, errorSummary, clearErrors, showErrors, showApiError, busy, nearestFields } from '../forms.js';
import { ApiError } from '../api.js';
import { seoulDate } from '../seoul.js';
import { J, DAYS, WAGE_UNITS, dayKey, unitKey, reference } from './lib.js';
import { checkGroup, checkedValues, competencyField, words } from './profile-form.js';

export async function vacancyForm({ employerId, onPosted }) {
  const ref = await reference();
  const form = h('form', { id: 'vacancy-form', class: 'krds-form prog-form jobs-form', attrs: { novalidate: true } });
  form.append(errorSummary(form),
    field(form, { name: 'title', labelKey: 'jobs.f.title', required: true, autocomplete: 'off' }),
    field(form, {
      name: 'occupation', labelKey: 'jobs.f.occupation', required: true,
      options: [{ value: '', i18n: 'jobs.choose' }, ...ref.occupations.map((o) => ({ value: o.code, ko: `${o.name_ko} (${o.code})`, en: `${o.name_en || o.name_ko} (${o.code})` }))],
    }),
    competencyField(form, { name: 'required', labelKey: 'jobs.f.required', hintKey: 'jobs.f.competencies_hint' }),
    competencyField(form, { name: 'preferred', labelKey: 'jobs.f.preferred', hintKey: 'jobs.f.competencies_hint' }),
    checkGroup(form, { name: 'hours.days', legendKey: 'jobs.f.work_days', items: DAYS.map((d) => ({ value: d, i18n: dayKey(d) })), checked: ['mon', 'tue', 'wed', 'thu', 'fri'] }),
    h('div', { class: 'pair' },
      field(form, { name: 'hours.start', labelKey: 'jobs.f.start', type: 'time', required: true, value: '09:00' }),
      field(form, { name: 'hours.end', labelKey: 'jobs.f.end', type: 'time', required: true, value: '18:00' })),
    h('div', { class: 'pair' },
      field(form, { name: 'wage.won', labelKey: 'jobs.f.wage', hintKey: 'jobs.f.wage_hint', type: 'number', inputmode: 'numeric', required: true, attrs: { min: 0 } }),
      field(form, { name: 'wage.unit', labelKey: 'jobs.f.wage_unit', options: WAGE_UNITS.map((u) => ({ value: u, i18n: unitKey(u) })) })),
    field(form, { name: 'workplace.address', labelKey: 'jobs.f.workplace_address', hintKey: 'jobs.f.workplace_address_hint', value: '' }),
    field(form, { name: 'workplace.area', labelKey: 'jobs.f.workplace', options: [{ value: '', i18n: 'jobs.choose' }, ...ref.places.map((x) => ({ value: x.code, ko: x.name_ko, en: x.name_en || x.name_ko }))] }),
    h('div', { class: 'pair' },
      field(form, { name: 'start_on', labelKey: 'jobs.f.start_on', type: 'date', required: true, value: seoulDate() }),
      field(form, { name: 'openings', labelKey: 'jobs.f.openings', type: 'number', inputmode: 'numeric', value: 1, attrs: { min: 1, max: 500 } })),
    field(form, { name: 'description', labelKey: 'jobs.f.description', multiline: true }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'jobs.post_vacancy' })));

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form, async () => {
      clearErrors(form);
      const v = (n) => String(form.elements[n].value || '').trim();
      const missing = [];
      if (!v('title')) missing.push({ field: 'title', key: 'jobs.v.title_required' });
      if (!v('occupation')) missing.push({ field: 'occupation', key: 'jobs.v.occupation_required' });
      if (!v('wage.won')) missing.push({ field: 'wage.won', key: 'jobs.v.wage_required' });
      if (!v('workplace.area') && !v('workplace.address')) missing.push({ field: 'workplace.area', key: 'jobs.v.area_required' });
      if (missing.length) {
        showErrors(form, missing);
        return;
      }
      const body = {
        employer_id: employerId, title: v('title'), occupation: v('occupation'), start_on: v('start_on'),
        openings: Number(v('openings') || 1), required: words(v('required')), preferred: words(v('preferred')),
        hours: { days: checkedValues(form, 'hours.days'), start: v('hours.start'), end: v('hours.end') },
        wage: { won: Number(v('wage.won')), unit: v('wage.unit') },
        workplace: { ...(v('workplace.area') ? { area: v('workplace.area') } : {}), ...(v('workplace.address') ? { address: v('workplace.address') } : {}) }, description: v('description'),
      };
      try {
        const out = await api.post(`${J}/vacancies`, body);
        form.reset();
        await onPosted(out);
      } catch (e) {
        if (e instanceof ApiError && e.fieldErrors.length) showErrors(form, nearestFields(form, e.fieldErrors), e.problem);
        else showApiError(form, e);
      }
    });
  });
  return form;
}
