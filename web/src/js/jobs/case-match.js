// Matching on the case page: the vacancies recommended for the seeker, each explained (every factor's share of the
// score, the engine's text, the competency gaps with courses), a "refer" button per vacancy; the case's referrals;
// and the form that records a hire (employer through a referral or a vacancy, start date, wage with its unit),
// which moves the case to hired and schedules the 1/3/6/12-month follow-ups.
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { field, errorSummary, clearErrors, showErrors, showApiError, busy, nearestFields } from '../forms.js';
import { ApiError } from '../api.js';
import { seoulDate } from '../seoul.js';
import { section, dataTable, td, statusBox } from '../programmes/lib.js';
import { J, WAGE_UNITS, unitKey, referralKey, matchCard, vacancyFacts } from './lib.js';

export function matchingPanel(c, { onChange }) {
  const status = statusBox('match-status');
  const recBox = h('div', { id: 'recommendations' });
  const refBox = h('div', { id: 'referrals' });
  const hireForm = h('form', { id: 'hire-form', class: 'krds-form prog-form', attrs: { novalidate: true } });
  let referrals = [];
  let recs = [];

  async function loadReferrals() {
    ({ items: referrals } = await api.get(`${J}/referrals?case_id=${c.id}`));
    clear(refBox);
    refBox.append(dataTable({
      id: 'referrals-table', captionKey: 'jobs.table.referrals', captionParams: { n: referrals.length },
      cols: [{ key: 'jobs.col.vacancy' }, { key: 'jobs.col.status' }, { key: 'jobs.col.interview' }],
      rows: referrals.map((r) => h('tr', { dataset: { id: String(r.id), vacancy: String(r.vacancy_id), status: r.status } },
        h('th', { scope: 'row' }, r.vacancy_title || `#${r.vacancy_id}`),
        td(h('span', { i18n: referralKey(r.status) })),
        td(r.interview_on ? h('time', { date: r.interview_on }) : ''))),
      emptyKey: 'jobs.no_referrals',
    }));
    fillSources();
  }

  async function refer(v, btn) {
    btn.disabled = true;
    try {
      await api.post(`${J}/referrals`, { vacancy_id: v.id, case_id: c.id });
      await loadReferrals();
      btn.replaceWith(h('span', { class: 'krds-badge bg-light-primary referred', i18n: 'jobs.referred' }));
      status.ok({ i18n: 'jobs.referred_to', params: { title: v.title } });
      await onChange?.('jobs.referred');
    } catch (e) {
      btn.disabled = false;
      status.fail(e);
    }
  }

  async function loadRecs() {
    clear(recBox);
    try {
      ({ items: recs } = await api.get(`${J}/seekers/${c.seeker_id}/matches?k=10`));
    } catch (e) {
      recs = [];
      status.fail(e);
      return;
    }
    const referred = new Set(referrals.map((r) => r.vacancy_id));
    recBox.append(recs.length ? h('ol', { class: 'match-list' }, recs.map((m, i) => {
      const v = m.vacancy;
      const btn = h('button', { type: 'button', class: 'krds-btn small primary refer', dataset: { vacancy: String(v.id) } },
        h('span', { i18n: 'jobs.refer' }), h('span', { class: 'sr-only' }, ` ${v.title}`));
      btn.addEventListener('click', () => refer(v, btn));
      return h('li', { dataset: { vacancy: String(v.id) } }, matchCard({
        id: `rec-${v.id}`, heading: [`${i + 1}. `, v.title], match: m, facts: vacancyFacts(v),
        actions: referred.has(v.id) ? h('span', { class: 'krds-badge bg-light-primary referred', i18n: 'jobs.referred' }) : btn,
      }));
    })) : h('p', { class: 'muted', id: 'no-recommendations', i18n: 'jobs.no_recommendations' }));
    fillSources();
  }

  function fillSources() {
    const sel = hireForm.elements.employer_id;
    if (!sel) return;
    const keep = sel.value;
    clear(sel);
    sel.append(h('option', { value: '', i18n: 'jobs.choose' }));
    for (const r of referrals) sel.append(h('option', { value: `r${r.id}`, dataset: { vacancy: String(r.vacancy_id) }, i18n: 'jobs.hire_via_referral', params: { title: r.vacancy_title || `#${r.vacancy_id}` } }));
    for (const m of recs) sel.append(h('option', { value: `v${m.vacancy.id}`, i18n: 'jobs.hire_via_vacancy', params: { title: `${m.vacancy.title} (${m.vacancy.employer_name || ''})` } }));
    if ([...sel.options].some((o) => o.value === keep)) sel.value = keep;
  }

  hireForm.append(errorSummary(hireForm),
    field(hireForm, { name: 'employer_id', labelKey: 'jobs.f.hire_source', hintKey: 'jobs.f.hire_source_hint', required: true, options: [] }),
    field(hireForm, { name: 'start_on', labelKey: 'jobs.f.start_on', type: 'date', required: true, value: seoulDate() }),
    h('div', { class: 'pair' },
      field(hireForm, { name: 'wage.won', labelKey: 'jobs.f.wage', type: 'number', inputmode: 'numeric', required: true, attrs: { min: 0 } }),
      field(hireForm, { name: 'wage.unit', labelKey: 'jobs.f.wage_unit', options: WAGE_UNITS.map((u) => ({ value: u, i18n: unitKey(u) })) })),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'jobs.record_hire' })));
  hireForm.elements.employer_id.addEventListener('change', () => {
    const v = hireForm.elements.employer_id.value;
    const m = v.startsWith('v') ? recs.find((x) => `v${x.vacancy.id}` === v)
      : recs.find((x) => String(x.vacancy.id) === hireForm.elements.employer_id.selectedOptions[0]?.dataset.vacancy);
    if (m?.vacancy?.wage && !hireForm.elements['wage.won'].value) {
      hireForm.elements['wage.won'].value = m.vacancy.wage.won;
      hireForm.elements['wage.unit'].value = m.vacancy.wage.unit;
    }
  });
  hireForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(hireForm, async () => {
      clearErrors(hireForm);
      const el = (n) => hireForm.elements[n];
      const src = el('employer_id').value;
      const missing = [];
      if (!src) missing.push({ field: 'employer_id', key: 'jobs.v.source_required' });
      if (!el('start_on').value) missing.push({ field: 'start_on', key: 'jobs.v.start_required' });
      if (!el('wage.won').value) missing.push({ field: 'wage.won', key: 'jobs.v.wage_required' });
      if (missing.length) {
        showErrors(hireForm, missing);
        return;
      }
      const body = { case_id: c.id, start_on: el('start_on').value, wage: { won: Number(el('wage.won').value), unit: el('wage.unit').value } };
      if (src.startsWith('r')) {
        body.referral_id = Number(src.slice(1));
        body.vacancy_id = Number(el('employer_id').selectedOptions[0].dataset.vacancy);
      } else body.vacancy_id = Number(src.slice(1));
      try {
        await api.post(`${J}/hires`, body);
        status.ok({ i18n: 'jobs.hire_recorded' });
        await onChange?.('jobs.hire_recorded');
      } catch (e) {
        if (e instanceof ApiError && e.fieldErrors.length) {
          const errs = e.fieldErrors.map((x) => (['referral_id', 'vacancy_id'].includes(x.field) ? { ...x, field: 'employer_id' } : x));
          showErrors(hireForm, nearestFields(hireForm, errs), e.problem);
        } else showApiError(hireForm, e);
      }
    });
  });

  async function load() {
    await loadReferrals();
    await loadRecs();
  }
  return {
    load,
    el: [
      section('sec-matches', 'jobs.sec.matches', h('p', { class: 'muted', i18n: 'jobs.matches_hint' }), status.el, recBox),
      section('sec-referrals', 'jobs.sec.referrals', refBox),
      section('sec-hire', 'jobs.sec.hire', hireForm),
    ],
  };
}
