// A district's proposal for a call: title, summary, target groups (check boxes), implementing organisation,
// output kind, planned jobs, monthly targets as rows, the city and district shares of the budget (with the ratio
// the call requires and a live sum), and an attachment. Names match the server's field errors.
import { h, clear } from '../dom.js';
import { field } from '../forms.js';
import { applyI18n } from '../i18n.js';
import { TARGET_GROUPS, groupKey, fmt, pct } from './lib.js';
import { groupSet, rowInput } from './call-form.js';

const sr = (...c) => h('span', { class: 'sr-only' }, c);
export const ACCEPT = '.pdf,.hwp,.hwpx,.docx,.xlsx,.png,.jpg,.jpeg';
const MEDIA = {
  pdf: 'application/pdf', hwp: 'application/x-hwp', hwpx: 'application/vnd.hancom.hwpx', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
export const mediaType = (file) => MEDIA[(file.name.split('.').pop() || '').toLowerCase()] || file.type || 'application/octet-stream';

export function fillProposalForm(form, p, call) {
  const req = new Set(call.required_fields);
  let seq = 0;
  const monthList = h('ol', { class: 'row-list', id: `${form.id}-months` });
  const addMonth = (m) => {
    const n = ++seq;
    const base = `${form.id}-month-${n}`;
    const errId = `${base}-error`;
    const li = h('li', { class: 'form-group row-item month-row' });
    const a = (extra) => ({ 'aria-describedby': errId, ...extra });
    li.append(h('div', { class: 'form-conts row-fields' },
      rowInput(`${base}-month`, 'prog.target.month', a({ type: 'month', value: m?.month ?? '', min: `${call.year}-01`, max: `${call.year}-12`, class: 'target-month' }), n),
      rowInput(`${base}-jobs`, 'prog.target.jobs', a({ type: 'number', min: 0, step: 1, inputmode: 'numeric', value: m?.jobs ?? 0, class: 'target-jobs' }), n),
      rowInput(`${base}-outputs`, 'prog.target.outputs', a({ type: 'number', min: 0, step: 1, inputmode: 'numeric', value: m?.outputs ?? 0, class: 'target-outputs' }), n),
      h('button', { type: 'button', class: 'krds-btn small tertiary remove-row', on: { click: () => { li.remove(); addBtn.focus(); } } },
        h('span', { i18n: 'prog.remove_row' }), sr(' ', h('span', { i18n: 'prog.target.month' }), ` ${n}`))),
    h('p', { class: 'form-hint-invalid', id: errId, hidden: true }));
    monthList.append(li);
    return li.querySelector('input');
  };
  const addBtn = h('button', { type: 'button', class: 'krds-btn small secondary add-month', i18n: 'prog.add_month', on: { click: () => addMonth(null).focus() } });
  for (const m of p?.monthly_targets || []) addMonth(m);

  const groups = TARGET_GROUPS.map((g) => h('div', { class: 'krds-form-check' },
    h('input', { id: `${form.id}-tg-${g}`, class: 'target-group', attrs: { type: 'checkbox', value: g, name: 'target_groups' }, checked: !!p?.target_groups?.includes(g) }),
    h('label', { for: `${form.id}-tg-${g}` }, h('span', { i18n: groupKey(g) }))));

  const sum = h('p', { class: 'share-sum', id: `${form.id}-share-sum`, attrs: { 'aria-live': 'polite' } });
  const num = (name, labelKey, value, extra = {}) => field(form, {
    name, labelKey, type: 'number', inputmode: 'numeric', value: value === undefined || value === null ? '' : String(value), ...extra,
    attrs: { min: 0, step: 1, ...extra.attrs },
  });
  form.append(
    field(form, { name: 'title', labelKey: 'prog.p.title', required: true, value: p?.title ?? '', autocomplete: 'off' }),
    field(form, { name: 'summary', labelKey: 'prog.p.summary', multiline: true, required: req.has('summary'), value: p?.summary ?? '', hintKey: 'prog.p.summary_hint' }),
    groupSet(form, 'target_groups', 'prog.p.target_groups', 'prog.p.target_groups_hint', h('div', { class: 'check-list' }, groups)),
    field(form, { name: 'implementing_org', labelKey: 'prog.implementing_org', required: req.has('implementing_org'), value: p?.implementing_org ?? '', autocomplete: 'organization' }),
    h('div', { class: 'pair' },
      field(form, { name: 'output_kind', labelKey: 'prog.output_kind', required: req.has('output_kind'), value: p?.output_kind ?? '', hintKey: 'prog.kind_hint', autocomplete: 'off' }),
      num('planned_jobs', 'prog.col.planned_jobs', p?.planned_jobs, { hintKey: 'prog.p.planned_jobs_hint' })),
    groupSet(form, 'monthly_targets', 'prog.p.monthly_targets', 'prog.p.monthly_targets_hint', [monthList, addBtn]),
    h('div', { class: 'pair' },
      num('city_share_won', 'prog.p.city_share', p?.city_share_won, { required: true, hintKey: 'prog.p.city_share_hint' }),
      num('district_share_won', 'prog.p.district_share', p?.district_share_won, { required: true })),
    sum,
    h('p', {}, h('button', { type: 'button', class: 'krds-btn small secondary', id: `${form.id}-fill-district`, i18n: 'prog.p.fill_district' })),
    field(form, { name: 'attachment', labelKey: 'prog.p.attachment', type: 'file', required: req.has('attachments') && !(p?.attachments?.length), hintKey: 'prog.p.attachment_hint', attrs: { accept: ACCEPT } }));
  // The ratio the call asks for, in the city share's hint.
  const hint = form.querySelector(`#${form.id}-city_share_won-hint`);
  hint.dataset.i18nParams = JSON.stringify({ p: call.city_share_pct, envelope: fmt(call.envelope_won) });
  applyI18n(hint);

  const el = (n) => form.elements[n];
  const showSum = () => {
    const c = Number(el('city_share_won').value) || 0;
    const d = Number(el('district_share_won').value) || 0;
    clear(sum);
    const ratio = pct(c, c + d);
    const ok = ratio !== null && Math.abs(ratio - call.city_share_pct) <= 1 && c <= call.envelope_won;
    sum.className = `share-sum ${c + d ? (ok ? 'ok' : 'off') : ''}`;
    if (c + d) sum.append(h('span', { i18n: ok ? 'prog.p.sum_ok' : 'prog.p.sum_off', params: { total: fmt(c + d), r: ratio ?? 0, p: call.city_share_pct } }));
  };
  el('city_share_won').addEventListener('input', showSum);
  el('district_share_won').addEventListener('input', showSum);
  form.querySelector(`#${form.id}-fill-district`).addEventListener('click', () => {
    const c = Number(el('city_share_won').value) || 0;
    el('district_share_won').value = String(Math.round((c * (100 - call.city_share_pct)) / call.city_share_pct));
    showSum();
    el('district_share_won').focus();
  });
  showSum();

  function read() {
    const v = (n) => el(n).value.trim();
    const rows = [...monthList.children];
    rows.forEach((li, i) => { li.dataset.field = `monthly_targets[${i}]`; });
    const n = (s) => (s === '' ? undefined : Number(s));
    return {
      title: v('title'), summary: v('summary'), implementing_org: v('implementing_org'), output_kind: v('output_kind'),
      planned_jobs: n(v('planned_jobs')),
      target_groups: [...form.querySelectorAll('input.target-group:checked')].map((i) => i.value),
      monthly_targets: rows.map((li) => ({
        month: li.querySelector('.target-month').value, jobs: n(li.querySelector('.target-jobs').value) ?? 0,
        outputs: n(li.querySelector('.target-outputs').value) ?? 0,
      })),
      city_share_won: n(v('city_share_won')), district_share_won: n(v('district_share_won')),
    };
  }

  function check(body) {
    const errs = [];
    if (!body.title) errs.push({ field: 'title', key: 'prog.v.title_required' });
    if (!body.target_groups.length) errs.push({ field: 'target_groups', key: 'prog.v.groups_required' });
    if (body.city_share_won === undefined) errs.push({ field: 'city_share_won', key: 'prog.v.share_required' });
    if (body.district_share_won === undefined) errs.push({ field: 'district_share_won', key: 'prog.v.share_required' });
    body.monthly_targets.forEach((m, i) => {
      if (!/^\d{4}-\d{2}$/.test(m.month)) errs.push({ field: `monthly_targets[${i}]`, key: 'prog.v.month_required' });
    });
    return errs;
  }
  return { read, check, file: () => el('attachment').files?.[0] || null };
}
