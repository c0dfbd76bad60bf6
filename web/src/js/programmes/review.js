// Review of a call: for the city, the submitted proposals, the reviewers (the officer may assign themself), the
// selection preview (GET /calls/{id}/selection) and publishing after the deadline, with a confirmation; for every
// assigned reviewer, a score form per proposal with a number input per criterion (0 to its maximum). A reviewer
// never scores their own district's proposal: the server refuses it, and the form is not offered.
import { h, clear, append } from '../dom.js';
import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { errorSummary, clearErrors, showErrors, showApiError, busy } from '../forms.js';
import { confirmDialog } from '../admin/accounts.js';
import { P, won, myDistricts, proposalStatusKey, section, dataTable, td, statusBox, districtName, groupKey } from './lib.js';
import { selectionView, callState } from './results.js';

export async function loadReviewers(call) {
  return (await api.get(`${P}/calls/${call.id}/reviewers`)).items;
}

/** Score forms for an assigned reviewer. onScored() is called after each save (to refresh a preview). */
export async function scorePanel({ call, user, districts, proposals, onScored }) {
  const mine = myDistricts(user);
  const list = proposals.filter((p) => p.status === 'submitted' && !mine.includes(p.district_id));
  const forms = await Promise.all(list.map(async (p) => {
    const { items } = await api.get(`${P}/proposals/${p.id}/reviews`);
    const own = items.find((r) => r.reviewer_id === user.id);
    const form = h('form', { id: `score-form-${p.id}`, class: 'krds-form prog-form score-form', dataset: { proposal: String(p.id) }, attrs: { novalidate: true } });
    const status = statusBox(`score-status-${p.id}`);
    const inputs = call.criteria.map((k) => {
      const id = `${form.id}-${k.key}`;
      const input = h('input', {
        id, name: `scores.${k.key}`, class: 'krds-input score-input',
        attrs: { type: 'number', min: 0, max: k.max_score, step: 1, inputmode: 'numeric', required: true, 'aria-describedby': `${id}-hint ${id}-error`, value: own?.scores?.[k.key] ?? '' },
      });
      return h('div', { class: 'form-group', dataset: { field: `scores.${k.key}` } },
        h('div', { class: 'form-tit' }, h('label', { for: id }, h('span', { ko: k.name_ko, en: k.name_en }))),
        h('p', { class: 'form-hint', id: `${id}-hint`, i18n: 'prog.score_hint', params: { max: k.max_score, w: k.weight } }),
        h('div', { class: 'form-conts' }, input),
        h('p', { class: 'form-hint-invalid', id: `${id}-error`, hidden: true }));
    });
    form.append(errorSummary(form), h('div', { class: 'score-grid' }, inputs),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'krds-btn primary medium' },
        h('span', { i18n: 'prog.save_scores' }), h('span', { class: 'sr-only' }, ` ${p.title}`))), status.el);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      busy(form, async () => {
        clearErrors(form);
        status.clear();
        const scores = {};
        const missing = [];
        for (const k of call.criteria) {
          const v = form.elements[`scores.${k.key}`].value.trim();
          if (v === '') missing.push({ field: `scores.${k.key}`, key: 'prog.v.score_required' });
          else scores[k.key] = Number(v);
        }
        if (missing.length) {
          showErrors(form, missing);
          return;
        }
        try {
          await api.put(`${P}/proposals/${p.id}/scores`, { scores });
          status.ok({ i18n: 'prog.scores_saved', params: { title: p.title } });
          await onScored?.();
        } catch (e) {
          if (e instanceof ApiError && e.fieldErrors.some((x) => x.field === 'proposal_id')) {
            showErrors(form, e.fieldErrors.map((x) => ({ ...x, field: '' })), e.problem);
          } else {
            showApiError(form, e);
          }
        }
      });
    });
    return h('section', { class: 'score-panel', attrs: { 'aria-labelledby': `${form.id}-h` } },
      h('h3', { id: `${form.id}-h`, class: 'work-title' }, p.title, ' · ', districtName(districts, p.district_id)),
      form);
  }));
  return section('sec-scores', 'prog.sec.scores',
    h('p', { class: 'muted', i18n: 'prog.scores_hint' }),
    forms.length ? forms : h('p', { class: 'muted', i18n: 'prog.no_to_score' }));
}

export async function cityPanel({ call, user, districts, navigate }) {
  const status = statusBox('review-status');
  const reviewersBox = h('div');
  const scoresBox = h('div');
  const previewBox = h('div');
  const proposals = (await api.get(`${P}/calls/${call.id}/proposals`)).items;

  async function loadPreview() {
    const sel = await api.get(`${P}/calls/${call.id}/selection`);
    clear(previewBox);
    previewBox.append(selectionView(sel, districts, { id: 'preview' }));
  }

  async function loadReviewerPart() {
    const reviewers = await loadReviewers(call);
    const iAm = reviewers.some((r) => r.user_id === user.id);
    clear(reviewersBox);
    append(reviewersBox, [
      reviewers.length ? h('ul', { class: 'reviewer-list', id: 'reviewer-list' }, reviewers.map((r) => h('li', { dataset: { user: String(r.user_id) } }, r.name,
        r.district_id ? [' · ', districtName(districts, r.district_id)] : null)))
        : h('p', { class: 'muted', id: 'reviewer-list', i18n: 'prog.no_reviewers' }),
      iAm ? null : h('p', {}, h('button', {
        type: 'button', class: 'krds-btn secondary medium', id: 'assign-me', i18n: 'prog.assign_me',
        on: {
          click: async () => {
            try {
              await api.post(`${P}/calls/${call.id}/reviewers`, { user_id: user.id });
              status.ok({ i18n: 'prog.assigned_me' });
              await loadReviewerPart();
              scoresBox.querySelector('input')?.focus();
            } catch (e) {
              status.fail(e);
            }
          },
        },
      }))]);
    clear(scoresBox);
    if (iAm) scoresBox.append(await scorePanel({ call, user, districts, proposals, onScored: loadPreview }));
  }

  async function publish() {
    const yes = await confirmDialog({ id: 'publish-dialog', titleKey: 'prog.publish_title', confirmKey: 'prog.publish', text: t('prog.publish_text') });
    if (!yes) return;
    try {
      await api.post(`${P}/calls/${call.id}/publish`, {});
      navigate(`/programmes/calls/${call.id}?published=1`, { replace: true });
    } catch (e) {
      status.fail(e);
      status.el.focus();
    }
  }

  await Promise.all([loadReviewerPart(), loadPreview()]);
  status.el.setAttribute('tabindex', '-1');
  const closed = callState(call) === 'closed';
  return h('div', { class: 'city-review' },
    status.el,
    section('sec-submitted', 'prog.sec.submitted', dataTable({
      id: 'submitted-proposals', captionKey: 'prog.table.submitted',
      cols: [{ key: 'prog.col.proposal' }, { key: 'prog.col.district' }, { key: 'prog.col.group' }, { key: 'prog.col.state' },
        { key: 'prog.p.city_share', num: true }, { key: 'prog.budget', num: true }],
      rows: proposals.map((p) => h('tr', { dataset: { id: String(p.id), status: p.status } },
        h('th', { scope: 'row' }, p.title), td(districtName(districts, p.district_id)),
        td(p.target_groups.map((g, i) => [i ? ', ' : '', h('span', { i18n: groupKey(g) })])),
        td(h('span', { i18n: proposalStatusKey(p.status) })), td(won(p.city_share_won), true), td(won(p.budget_won), true))),
      emptyKey: 'prog.no_proposals',
    })),
    section('sec-reviewers', 'prog.sec.reviewers', reviewersBox),
    scoresBox,
    section('sec-preview', 'prog.sec.preview',
      h('p', { class: 'muted', i18n: 'prog.preview_hint' }),
      h('p', {}, h('button', { type: 'button', class: 'krds-btn tertiary medium', id: 'refresh-preview', i18n: 'prog.refresh_preview',
        on: { click: async () => { await loadPreview(); status.ok({ i18n: 'prog.preview_refreshed' }); } } })),
      previewBox),
    section('sec-publish', 'prog.sec.publish',
      h('p', { class: closed ? 'muted' : 'notice notice-warning', id: 'publish-note', i18n: closed ? 'prog.publish_hint' : 'prog.publish_wait' }),
      h('button', { type: 'button', class: 'krds-btn primary large', id: 'publish', i18n: 'prog.publish', on: { click: publish } })));
}
