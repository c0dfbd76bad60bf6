// 기관 관리 / Organisations: the tree that scopes every staff grant (GET/POST /api/v1/admin/organisations,
// PATCH .../{id}, POST .../{id}/retire). An admin adds a city, district, Saeil centre, childcare space, operator,
// employer or school under its parent, renames one, or retires one after a confirmation; a retirement the server
// refuses (409 has_open_records) lists what still hangs on it. Field errors sit beside their fields.
import { h, clear } from '../dom.js';
import { api, ApiError } from '../api.js';
import { field, errorSummary, clearErrors, showErrors, showApiError, busy, values } from '../forms.js';
import { confirmDialog } from '../admin/accounts.js';

export const titleKey = 'page.admin_organisations.title';

const KINDS = ['city', 'district', 'centre', 'facility', 'operator', 'employer', 'school'];

const nameOf = (o) => ({ ko: o.name_ko, en: o.name_en });

export async function render() {
  let orgs = [];
  const status = h('p', { class: 'table-status', id: 'orgs-status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const tbody = h('tbody');
  const table = h('table', { class: 'tbl col data', id: 'orgs-table' },
    h('caption', { id: 'orgs-caption', i18n: 'admin_orgs.caption' }),
    h('thead', {}, h('tr', {}, ['name', 'kind', 'code', 'parent', 'state', 'actions']
      .map((k) => h('th', { scope: 'col', i18n: `admin_orgs.${k}` })))),
    tbody);

  // Errors of the row actions (a refused retirement) show here.
  const actions = h('form', { id: 'org-actions', class: 'krds-form', attrs: { novalidate: true } });
  actions.append(errorSummary(actions));

  const say = (key) => {
    clear(status);
    status.append(h('span', { i18n: key }));
  };

  // Rename: a small form that opens for one organisation.
  const renameForm = h('form', { id: 'rename-form', class: 'krds-form', hidden: true, attrs: { novalidate: true } });
  renameForm.append(errorSummary(renameForm),
    h('h2', { class: 'section-title', id: 'rename-h', attrs: { tabindex: '-1' } }),
    field(renameForm, { name: 'name_ko', labelKey: 'admin_orgs.name_ko', required: true, attrs: { maxlength: 100 } }),
    field(renameForm, { name: 'name_en', labelKey: 'admin_orgs.name_en', required: true, attrs: { maxlength: 100 } }),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'admin_orgs.save' }), ' ',
      h('button', { type: 'button', class: 'krds-btn secondary medium', id: 'rename-cancel', i18n: 'admin_orgs.cancel' })));
  let renaming = null;
  renameForm.querySelector('#rename-cancel').addEventListener('click', () => {
    renameForm.hidden = true;
    document.getElementById(`org-rename-${renaming}`)?.focus();
  });

  const parentSelect = () => createForm.querySelector('select[name="parent_id"]');
  function fillParents() {
    const sel = parentSelect();
    const keep = sel.value;
    clear(sel);
    sel.append(h('option', { value: '', i18n: 'admin_orgs.parent_none' }));
    for (const o of orgs.filter((x) => !x.retired && (x.kind === 'city' || x.kind === 'district'))) {
      const up = o.parent_id ? orgs.find((x) => x.id === o.parent_id) : null;
      sel.append(h('option', { value: String(o.id), ko: up ? `${o.name_ko} · ${up.name_ko}` : o.name_ko,
        en: up ? `${o.name_en} · ${up.name_en}` : o.name_en }));
    }
    sel.value = keep;
  }

  function row(o) {
    const parent = o.parent_id ? orgs.find((x) => x.id === o.parent_id) : null;
    const cells = [
      h('th', { scope: 'row' }, h('span', nameOf(o))),
      h('td', { i18n: `admin_orgs.kind.${o.kind}` }),
      h('td', {}, h('code', {}, o.code)),
      h('td', {}, parent ? h('span', nameOf(parent)) : h('span', { class: 'muted', i18n: 'common.none' })),
      h('td', { class: 'org-state', i18n: o.retired ? 'admin_orgs.retired' : 'admin_orgs.active' }),
      h('td', {}, o.retired ? null : [
        h('button', { type: 'button', class: 'krds-btn small tertiary', id: `org-rename-${o.id}`,
          attrs: { 'aria-describedby': `org-name-${o.id}` }, i18n: 'admin_orgs.rename', on: { click: () => openRename(o) } }), ' ',
        h('button', { type: 'button', class: 'krds-btn small secondary', id: `org-retire-${o.id}`,
          attrs: { 'aria-describedby': `org-name-${o.id}` }, i18n: 'admin_orgs.retire', on: { click: () => retire(o) } })]),
    ];
    cells[0].id = `org-name-${o.id}`;
    return h('tr', { dataset: { id: String(o.id), code: o.code } }, cells);
  }

  async function reload() {
    orgs = (await api.get('/api/v1/admin/organisations')).items || [];
    clear(tbody);
    tbody.append(...orgs.map(row));
    fillParents();
  }

  function openRename(o) {
    renaming = o.id;
    clearErrors(renameForm);
    const heading = renameForm.querySelector('#rename-h');
    clear(heading);
    heading.append(h('span', { i18n: 'admin_orgs.rename' }), ': ', h('span', nameOf(o)));
    renameForm.elements.name_ko.value = o.name_ko;
    renameForm.elements.name_en.value = o.name_en;
    renameForm.hidden = false;
    heading.focus();
  }

  renameForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearErrors(renameForm);
    const v = values(renameForm);
    if (!v.name_ko || !v.name_en) {
      showErrors(renameForm, [{ field: v.name_ko ? 'name_en' : 'name_ko', key: 'admin_orgs.name_required' }]);
      return;
    }
    busy(renameForm, async () => {
      try {
        await api.patch(`/api/v1/admin/organisations/${renaming}`, { name_ko: v.name_ko, name_en: v.name_en });
        renameForm.hidden = true;
        await reload();
        say('admin_orgs.renamed');
        document.getElementById(`org-rename-${renaming}`)?.focus();
      } catch (e) {
        showApiError(renameForm, e);
      }
    });
  });

  async function retire(o) {
    clearErrors(actions);
    const yes = await confirmDialog({ titleKey: 'admin_orgs.retire_title', text: h('span', { i18n: 'admin_orgs.retire_text' }),
      confirmKey: 'admin_orgs.retire_confirm', id: 'retire-dialog' });
    if (!yes) return;
    try {
      await api.post(`/api/v1/admin/organisations/${o.id}/retire`);
      await reload();
      say('admin_orgs.retired_done');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) throw e;
      // 409 has_open_records: each open kind of record is one line of the summary.
      if (e instanceof ApiError && e.fieldErrors.length) {
        showErrors(actions, e.fieldErrors.map((x) => ({ field: '', ko: x.ko, en: x.en })), e.problem);
      } else {
        showApiError(actions, e);
      }
    }
  }

  // Add: kind, code, names, parent, address.
  const createForm = h('form', { id: 'org-form', class: 'krds-form', attrs: { novalidate: true } });
  createForm.append(errorSummary(createForm),
    field(createForm, { name: 'kind', labelKey: 'admin_orgs.kind', required: true,
      options: KINDS.map((k) => ({ value: k, i18n: `admin_orgs.kind.${k}` })) }),
    field(createForm, { name: 'parent_id', labelKey: 'admin_orgs.parent', options: [] }),
    field(createForm, { name: 'code', labelKey: 'admin_orgs.code', hintKey: 'admin_orgs.code_hint', required: true,
      autocomplete: 'off', attrs: { maxlength: 60 } }),
    field(createForm, { name: 'name_ko', labelKey: 'admin_orgs.name_ko', required: true, attrs: { maxlength: 100 } }),
    field(createForm, { name: 'name_en', labelKey: 'admin_orgs.name_en', required: true, attrs: { maxlength: 100 } }),
    field(createForm, { name: 'address', labelKey: 'admin_orgs.address', autocomplete: 'off', attrs: { maxlength: 200 } }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'krds-btn primary large', i18n: 'admin_orgs.submit' })));

  createForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearErrors(createForm);
    const v = values(createForm);
    const errors = [];
    if (!v.code) errors.push({ field: 'code', key: 'admin_orgs.code_required' });
    if (!v.name_ko) errors.push({ field: 'name_ko', key: 'admin_orgs.name_required' });
    if (!v.name_en) errors.push({ field: 'name_en', key: 'admin_orgs.name_required' });
    if (errors.length) {
      showErrors(createForm, errors);
      return;
    }
    const body = { kind: v.kind, code: v.code, name_ko: v.name_ko, name_en: v.name_en };
    if (v.parent_id) body.parent_id = Number(v.parent_id);
    if (v.address) body.address = v.address;
    busy(createForm, async () => {
      try {
        const made = await api.post('/api/v1/admin/organisations', body);
        createForm.reset();
        await reload();
        say('admin_orgs.created');
        document.querySelector(`#orgs-table tr[data-id="${made.id}"] th`)?.setAttribute('tabindex', '-1');
        document.querySelector(`#orgs-table tr[data-id="${made.id}"] th`)?.focus();
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) throw e;
        showApiError(createForm, e);
      }
    });
  });

  await reload();
  return h('div', { class: 'container page-admin-organisations' },
    h('h1', { class: 'page-title', i18n: 'page.admin_organisations.title' }),
    h('p', { class: 'page-lead', i18n: 'admin_orgs.lead' }),
    status,
    actions,
    h('div', { class: 'krds-table-wrap', attrs: { role: 'region', tabindex: '0', 'aria-labelledby': 'orgs-caption' } }, table),
    renameForm,
    h('section', { class: 'panel', attrs: { 'aria-labelledby': 'org-new-h' } },
      h('h2', { id: 'org-new-h', class: 'section-title', i18n: 'admin_orgs.new' }),
      createForm));
}
