// A district's own proposals for a call: the list with where each stands (draft, submitted, returned with the
// city's note, withdrawn, selected or not with the reason), and drafting, editing, submitting and withdrawing
// them before the deadline. The form is in ./proposal-form.js; attachments go up after the proposal is saved.
import { h, clear } from '../dom.js';
import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { errorSummary, clearErrors, showErrors, showApiError, busy } from '../forms.js';
import { confirmDialog } from '../admin/accounts.js';
import { P, myDistricts, won, proposalStatusKey, section, dataTable, td, statusBox, nearestFields, districtName } from './lib.js';
import { fillProposalForm, mediaType } from './proposal-form.js';
import { callState } from './results.js';

const MAX_BYTES = 2 * 1024 * 1024;

function base64Of(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

export async function districtPanel({ call, user, districts }) {
  const mine = myDistricts(user);
  const open = callState(call) === 'open';
  const listBox = h('div');
  const formBox = h('div', { id: 'proposal-form-box' });
  const status = statusBox('proposals-status');
  status.el.setAttribute('tabindex', '-1');

  async function act(p, what) {
    if (what === 'withdraw') {
      const yes = await confirmDialog({ id: 'withdraw-dialog', titleKey: 'prog.withdraw_title', confirmKey: 'prog.withdraw', text: t('prog.withdraw_text', { title: p.title }) });
      if (!yes) return;
    }
    try {
      const r = await api.post(`${P}/proposals/${p.id}/${what}`, {});
      await loadList();
      status.ok({ i18n: `prog.${what}_done`, params: { title: r.title } });
    } catch (e) {
      status.fail(e);
    }
    status.el.focus();
  }

  function showForm(p) {
    clear(formBox);
    const form = h('form', { id: 'proposal-form', class: 'krds-form prog-form proposal-form', dataset: { id: p ? String(p.id) : '' }, attrs: { novalidate: true } });
    form.append(errorSummary(form));
    if (mine.length > 1 && !p) {
      const sel = h('select', { id: 'proposal-form-district_id', name: 'district_id', class: 'krds-form-select' },
        mine.map((d) => h('option', { value: String(d) }, districtName(districts, d))));
      form.append(h('div', { class: 'form-group', dataset: { field: 'district_id' } },
        h('div', { class: 'form-tit' }, h('label', { for: sel.id }, h('span', { i18n: 'prog.col.district' }))),
        h('div', { class: 'form-conts' }, sel), h('p', { class: 'form-hint-invalid', id: `${sel.id}-error`, hidden: true })));
    }
    const { read, check, file } = fillProposalForm(form, p, call);
    form.append(h('div', { class: 'form-actions row-actions-wide' },
      h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'prog.p.save' }), ' ',
      h('button', { type: 'button', class: 'krds-btn tertiary medium', id: 'proposal-cancel', i18n: 'common.cancel', on: { click: () => { clear(formBox); newBtn.focus(); } } })));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      busy(form, async () => {
        clearErrors(form);
        const body = read();
        if (form.elements.district_id) body.district_id = Number(form.elements.district_id.value);
        const local = check(body);
        const f = file();
        if (f && f.size > MAX_BYTES) local.push({ field: 'attachment', key: 'prog.v.file_too_large' });
        if (local.length) {
          showErrors(form, local);
          return;
        }
        let saved;
        try {
          saved = p ? await api.put(`${P}/proposals/${p.id}`, body) : await api.post(`${P}/calls/${call.id}/proposals`, body);
        } catch (e) {
          if (e instanceof ApiError && !e.network && e.fieldErrors.length) showErrors(form, nearestFields(form, e.fieldErrors), e.problem);
          else showApiError(form, e);
          return;
        }
        if (f) {
          try {
            await api.post(`${P}/proposals/${saved.id}/attachments`, { name: f.name, media_type: mediaType(f), content_base64: await base64Of(f) });
          } catch (e) {
            // The proposal is saved; the file is not: keep the form open on the saved proposal, say so.
            await loadList();
            showForm(saved);
            const again = formBox.querySelector('form');
            showErrors(again, e instanceof ApiError && e.fieldErrors.length
              ? e.fieldErrors.map((x) => ({ ...x, field: 'attachment' })) : [{ field: 'attachment', key: 'prog.v.file_failed' }], e.problem);
            return;
          }
        }
        clear(formBox);
        await loadList();
        status.ok({ i18n: 'prog.p.saved', params: { title: saved.title } });
        status.el.focus();
      });
    });
    formBox.append(section('sec-proposal-form', p ? 'prog.p.edit_title' : 'prog.p.new_title', form));
    form.querySelector('input').focus();
  }

  async function loadList() {
    const { items } = await api.get(`${P}/calls/${call.id}/proposals`);
    const own = items.filter((p) => mine.includes(p.district_id));
    clear(listBox);
    listBox.append(dataTable({
      id: 'my-proposals', captionKey: 'prog.table.my_proposals',
      cols: [{ key: 'prog.col.proposal' }, { key: 'prog.col.state' }, { key: 'prog.p.city_share', num: true }, { key: 'prog.budget', num: true },
        { key: 'prog.col.note' }, { key: 'prog.col.actions' }],
      rows: own.map((p) => {
        // A draft until the deadline; a proposal the city returned for revision until the results are published.
        const editable = (open && p.status === 'draft') || (call.status === 'open' && p.status === 'returned');
        const btn = (what, key, cls = 'secondary') => h('button', { type: 'button', class: `krds-btn small ${cls} act-${what}`, on: { click: () => (what === 'edit' ? showForm(p) : act(p, what)) } },
          h('span', { i18n: key }), h('span', { class: 'sr-only' }, ` ${p.title}`));
        const actions = [];
        if (editable) actions.push(btn('edit', 'prog.edit', 'tertiary'), ' ', btn('submit', 'prog.submit', 'primary'), ' ');
        if (call.status === 'open' && ['draft', 'submitted', 'returned'].includes(p.status)) actions.push(btn('withdraw', 'prog.withdraw', 'tertiary'));
        return h('tr', { dataset: { id: String(p.id), status: p.status } },
          h('th', { scope: 'row' }, p.title),
          td(h('span', { class: 'proposal-state', i18n: proposalStatusKey(p.status) })),
          td(won(p.city_share_won), true), td(won(p.budget_won), true),
          td([p.return_note ? h('span', {}, h('span', { i18n: 'prog.return_note' }), ' ', p.return_note) : null,
            p.decision ? h('span', { class: 'decision', ko: p.decision.ko, en: p.decision.en }) : null,
            p.attachments.length ? h('span', { class: 'muted' }, ' ', h('span', { i18n: 'prog.attachments_n', params: { n: p.attachments.length } })) : null]),
          td(actions.length ? actions : h('span', { class: 'muted', i18n: 'common.none' })));
      }),
      emptyKey: 'prog.no_my_proposals',
    }));
  }

  const newBtn = h('button', { type: 'button', id: 'new-proposal', class: 'krds-btn primary medium', i18n: 'prog.p.new', on: { click: () => showForm(null) } });
  await loadList();
  return section('sec-my-proposals', 'prog.sec.my_proposals',
    open ? h('p', { class: 'page-actions' }, newBtn) : h('p', { class: 'notice', i18n: 'prog.call_closed_note' }),
    status.el, listBox, formBox);
}
