// 나의 구직 / A resident's own job-seeking page: register with a Saeil centre if she has not, her case's stage, her
// profile (edited and checked by the server), and the vacancies recommended for her with why: each factor's share
// of the score, and the courses that would close a gap. A vacancy outside her hours (a childcare limit) is never
// recommended.
import { h, clear } from '../dom.js';
import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../live.js';
import { errorSummary, clearErrors, showErrors, showApiError, busy, nearestFields, field } from '../forms.js';
import { section, statusBox } from '../programmes/lib.js';
import { J, stateKey, centres, matchCard, vacancyFacts } from '../jobs/lib.js';
import { profileFields } from '../jobs/profile-form.js';

export const titleKey = 'page.jobs_me.title';

function fail(form, e) {
  if (e instanceof ApiError && e.fieldErrors.length) showErrors(form, nearestFields(form, e.fieldErrors.map((x) => ({ ...x, field: x.field.startsWith('profile.') || x.field === 'centre_id' ? x.field : `profile.${x.field}` }))), e.problem);
  else showApiError(form, e);
}

async function registerView({ navigate }) {
  const list = await centres();
  const form = h('form', { id: 'register-seeker-form', class: 'krds-form prog-form jobs-form', attrs: { novalidate: true } });
  const profile = await profileFields(form, {});
  form.append(errorSummary(form),
    h('p', { class: 'privacy-note', i18n: 'jobs.self_privacy' }),
    field(form, { name: 'centre_id', labelKey: 'jobs.f.centre', required: true, options: [{ value: '', i18n: 'jobs.choose' }, ...list.map((c) => ({ value: String(c.id), ko: c.name_ko, en: c.name_en || c.name_ko }))] }),
    profile.el,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'jobs.register_submit' })));
  if (list.length === 1) form.elements.centre_id.value = String(list[0].id);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form, async () => {
      clearErrors(form);
      if (!form.elements.centre_id.value) {
        showErrors(form, [{ field: 'centre_id', key: 'jobs.v.centre_required' }]);
        return;
      }
      try {
        await api.post(`${J}/me/seeker`, { centre_id: Number(form.elements.centre_id.value), profile: profile.read() });
        navigate('/jobs/me?registered=1', { replace: true });
      } catch (e) {
        fail(form, e);
      }
    });
  });
  return [h('p', { class: 'page-lead', i18n: 'jobs.not_registered' }), section('sec-register', 'jobs.sec.register', form)];
}

export async function render({ navigate, query }) {
  let me;
  try {
    me = await api.get(`${J}/me/seeker`);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
  }
  const head = h('h1', { class: 'page-title', i18n: 'page.jobs_me.title' });
  if (!me) return h('div', { class: 'container page-jobs-me', dataset: { registered: 'false' } }, head, await registerView({ navigate }));

  const status = statusBox('me-status');
  const recBox = h('div', { id: 'my-recommendations' });
  async function loadRecs() {
    const { items } = await api.get(`${J}/seekers/${me.id}/matches?k=20`);
    clear(recBox);
    recBox.append(items.length ? h('ol', { class: 'match-list' }, items.map((m, i) => h('li', { dataset: { vacancy: String(m.vacancy.id) } },
      matchCard({ id: `my-rec-${m.vacancy.id}`, heading: [`${i + 1}. `, m.vacancy.title], match: m, facts: vacancyFacts(m.vacancy) }))))
      : h('p', { class: 'muted', id: 'no-recommendations', i18n: 'jobs.no_recommendations' }));
  }
  const form = h('form', { id: 'my-profile-form', class: 'krds-form prog-form jobs-form', attrs: { novalidate: true } });
  const profile = await profileFields(form, me.profile || {});
  form.append(errorSummary(form), profile.el,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'jobs.save_profile' })));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form, async () => {
      clearErrors(form);
      try {
        me = { ...me, ...(await api.put(`${J}/seekers/${me.id}/profile`, profile.read())) };
        await loadRecs();
        status.ok({ i18n: 'jobs.profile_saved' });
        announce(t('jobs.profile_saved'));
      } catch (e) {
        fail(form, e);
      }
    });
  });
  await loadRecs();
  const open = (me.cases || []).find((c) => c.state !== 'closed') || (me.cases || [])[0];
  return h('div', { class: 'container page-jobs-me', dataset: { registered: 'true', seeker: String(me.id) } },
    head,
    query.get('registered') ? h('p', { class: 'prog-status ok', id: 'me-registered', attrs: { role: 'status' }, i18n: 'jobs.registered' }) : null,
    open ? h('p', { class: 'case-state-line' }, h('span', { i18n: 'jobs.my_case_state' }), ': ',
      h('strong', { id: 'my-case-state', dataset: { state: open.state }, i18n: stateKey(open.state) })) : null,
    status.el,
    section('sec-my-matches', 'jobs.sec.my_matches', h('p', { class: 'muted', i18n: 'jobs.my_matches_hint' }), recBox),
    section('sec-my-profile', 'jobs.sec.my_profile', form));
}
