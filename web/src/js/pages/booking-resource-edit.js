// 예약 자원 만들기·고치기 / Create or edit a bookable resource: the form in ../booking/resource-form.js, saved with
// POST /resources (new) or PUT /resources/{id}. Refusals show on the form: 422 field errors next to their fields and
// in the summary, 403 (not this facility) and 409 (code taken, seed after a draw) in the summary. A save goes to
// the resource's page with ?saved=1, which shows what was stored.
import { h } from '../dom.js';
import { api, ApiError } from '../api.js';
import { currentUser } from '../session.js';
import { errorSummary, clearErrors, showErrors, showApiError, busy } from '../forms.js';
import { B, name, managedFacilities } from '../booking/lib.js';
import { blankResource, fillResourceForm, nearestFields } from '../booking/resource-form.js';

export const titleKey = 'page.booking_resource_edit.title';

function savedPanel(r) {
  const x = r.rules;
  const facts = [
    ['resadmin.kind', h('span', { i18n: `resadmin.kind.${r.kind}` })],
    ['resadmin.state', h('span', { i18n: r.active ? 'resadmin.state_active' : 'resadmin.state_paused' })],
    r.kind === 'item'
      ? ['resadmin.variants', (r.variants || []).map((v) => `${v.label} ×${v.stock}`).join(', ')]
      : ['resadmin.capacity', h('span', { class: 'saved-capacity' }, String(r.capacity))],
    ['resadmin.fs.window', h('span', { i18n: 'booking.rule.window', params: { n: x.window.opens_days_ahead, t: x.window.opens_at } })],
  ];
  if (r.kind === 'space' || r.kind === 'studio') facts.push(['resadmin.slot_minutes', h('span', { i18n: 'resadmin.minutes_n', params: { n: x.slot_minutes } })]);
  if (x.quota) facts.push(['resadmin.fs.quota', h('span', { i18n: `booking.rule.quota_${x.quota.period}`, params: { n: x.quota.max_bookings } })]);
  if (r.lottery) facts.push(['resadmin.seed', h('code', { class: 'seed' }, r.lottery.seed)]);
  return h('section', { class: 'booking-status ok saved-panel', id: 'saved-resource', attrs: { 'aria-labelledby': 'saved-h', tabindex: '-1', 'data-autofocus': '' } },
    h('h2', { id: 'saved-h', class: 'section-title', i18n: 'resadmin.saved' }),
    h('dl', { class: 'kv' }, facts.map(([k, v]) => [h('dt', { i18n: k }), h('dd', {}, v)])),
    r.active ? h('p', {}, h('a', { href: `/booking/r/${r.id}`, id: 'view-public', class: 'krds-btn small secondary', i18n: 'resadmin.view_public' })) : null);
}

export async function render({ params, query, navigate }) {
  const isNew = params.id === undefined;
  const sites = await managedFacilities(currentUser());
  let r;
  if (isNew) {
    const wanted = Number(query.get('facility'));
    r = blankResource(sites.some((s) => s.id === wanted) ? wanted : sites[0]?.id);
  } else {
    r = await api.get(`${B}/resources/${Number(params.id)}`);
  }
  const listHref = `/booking/manage/resources?facility=${r.facility_id ?? ''}`;
  const page = h('div', { class: 'container page-booking-resource-edit', dataset: { id: isNew ? '' : String(r.id) } },
    h('p', {}, h('a', { href: listHref, id: 'back-to-list', i18n: 'resadmin.back_list' })),
    h('h1', { class: 'page-title' }, isNew ? h('span', { i18n: 'resadmin.new_title' }) : [h('span', { i18n: 'resadmin.edit_title' }), ' ', name(r)]));
  if (isNew && !sites.length) {
    page.append(h('p', { class: 'notice', i18n: 'resadmin.no_sites' }));
    return page;
  }
  if (!isNew && !sites.some((s) => s.id === r.facility_id)) {
    // The server would refuse the save (403); say so before anyone fills the form.
    page.append(h('p', { class: 'notice notice-warning', id: 'not-yours', i18n: 'resadmin.not_yours' }));
  }
  if (query.get('saved')) page.append(savedPanel(r));

  const form = h('form', { id: 'resource-form', class: 'krds-form resource-form', attrs: { novalidate: true } });
  form.append(errorSummary(form));
  const { read } = fillResourceForm(form, r, { isNew, sites });
  form.append(h('div', { class: 'form-actions' },
    h('button', { type: 'submit', class: 'krds-btn primary large', i18n: isNew ? 'resadmin.create' : 'resadmin.save' })));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form, async () => {
      clearErrors(form);
      const body = read();
      try {
        const saved = isNew ? await api.post(`${B}/resources`, body) : await api.put(`${B}/resources/${r.id}`, body);
        // Replace: "back" from the saved resource goes to where the person came from, not to a spent form.
        navigate(`/booking/manage/resources/${saved.id}?saved=1`, { replace: true });
      } catch (e) {
        const p = e instanceof ApiError ? e.problem : {};
        if (e instanceof ApiError && e.status === 409 && p.reason === 'unique_violation' && isNew) {
          // The store says only "already exists"; on this form only the code must be unique.
          showErrors(form, [{ field: 'code', key: 'resadmin.code_taken' }]);
        } else if (e instanceof ApiError && e.status === 409 && p.reason === 'lottery_drawn') {
          showErrors(form, [{ field: 'lottery_seed', ko: p.title_ko || p.title, en: p.title || p.title_ko }], p);
        } else if (e instanceof ApiError && !e.network && e.fieldErrors.length) {
          showErrors(form, nearestFields(form, e.fieldErrors), e.problem);
        } else {
          showApiError(form, e);
        }
      }
    });
  });
  page.append(form);
  return page;
}
