// 우리 센터 역량 낱말 / A Saeil centre's own competency words: the words its counsellors write for vocabulary items
// (synonyms: "전화응대" means customer service) and competencies of its own the shipped vocabulary lacks. A
// profile typed with them is stored by the competency, and explanations name the word that matched.
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { t, pick } from '../i18n.js';
import { announce } from '../live.js';
import { field, errorSummary, clearErrors, showErrors, showApiError, busy } from '../forms.js';
import { section, dataTable, td, statusBox } from '../programmes/lib.js';
import { J, grantScope, centres } from '../jobs/lib.js';

export const titleKey = 'page.jobs_terms.title';

export async function render({ user, query }) {
  const mine = grantScope(user, 'counsellor', 'centre');
  let centreId = mine?.id || Number(query.get('centre_id')) || null;
  if (!centreId) centreId = (await centres())[0]?.id || null;
  const status = statusBox('terms-status');
  const listBox = h('div');
  if (!centreId) {
    return h('div', { class: 'container page-jobs-terms' }, h('h1', { class: 'page-title', i18n: titleKey }), h('p', { i18n: 'jobs.terms.no_centre' }));
  }
  const T = `${J}/centres/${centreId}/terms`;
  const vocab = await api.get(`${J}/reference/competencies`);

  async function remove(term, button) {
    if (!window.confirm(t('jobs.terms.confirm_remove', { word: term.alias }))) return;
    button.disabled = true;
    try {
      await api.del(`${J}/terms/${term.id}`);
      await load();
      status.ok({ i18n: 'jobs.terms.removed', params: { word: term.alias } });
      announce(t('jobs.terms.removed', { word: term.alias }));
      document.getElementById('term-form-alias')?.focus();
    } catch (e) {
      status.fail(e);
      button.disabled = false;
    }
  }

  async function load() {
    const { items } = await api.get(T);
    clear(listBox);
    listBox.append(dataTable({
      id: 'terms-table', captionKey: 'jobs.terms.table', captionParams: { n: items.length },
      cols: [{ key: 'jobs.terms.col.word' }, { key: 'jobs.terms.col.kind' }, { key: 'jobs.terms.col.means' }, { key: 'jobs.col.actions' }],
      rows: items.map((x) => h('tr', { dataset: { id: String(x.id), kind: x.kind } },
        h('th', { scope: 'row' }, x.alias),
        td(h('span', { i18n: x.kind === 'term' ? 'jobs.terms.kind_term' : 'jobs.terms.kind_synonym' })),
        td(pick(x.name_ko, x.name_en || x.name_ko)),
        td(h('button', { type: 'button', class: 'krds-btn secondary small remove-term', on: { click: (ev) => remove(x, ev.currentTarget) } },
          h('span', { i18n: 'jobs.terms.remove' }), h('span', { class: 'sr-only' }, ` ${x.alias}`))))),
      emptyKey: 'jobs.terms.none',
    }));
  }

  const form = h('form', { id: 'term-form', class: 'krds-form prog-form jobs-form', attrs: { novalidate: true } });
  const list = h('datalist', { id: 'term-vocabulary' },
    (vocab.items || []).map((c) => h('option', { attrs: { value: c.name_ko } })));
  form.append(errorSummary(form),
    field(form, { name: 'alias', labelKey: 'jobs.terms.f.word', hintKey: 'jobs.terms.f.word_hint', required: true, autocomplete: 'off' }),
    field(form, { name: 'means', labelKey: 'jobs.terms.f.means', hintKey: 'jobs.terms.f.means_hint', autocomplete: 'off', attrs: { list: 'term-vocabulary' } }),
    list,
    field(form, { name: 'name_en', labelKey: 'jobs.terms.f.name_en', hintKey: 'jobs.terms.f.name_en_hint', autocomplete: 'off' }),
    field(form, {
      name: 'ncs_domain', labelKey: 'jobs.terms.f.domain',
      options: [{ value: '', i18n: 'jobs.choose' }, ...(vocab.domains || []).map((d) => ({ value: d.code, ko: `${d.name_ko} (${d.code})`, en: `${d.name_en} (${d.code})` }))],
    }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'jobs.terms.add' })));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form, async () => {
      clearErrors(form);
      const v = (n) => String(form.elements[n].value || '').trim();
      if (!v('alias')) {
        showErrors(form, [{ field: 'alias', key: 'jobs.terms.v.word_required' }]);
        return;
      }
      const body = { alias: v('alias') };
      if (v('means')) body.means = v('means');
      else {
        if (v('name_en')) body.name_en = v('name_en');
        if (v('ncs_domain')) body.ncs_domain = v('ncs_domain');
      }
      try {
        const added = await api.post(T, body);
        form.reset();
        await load();
        const key = added.kind === 'term' ? 'jobs.terms.added_term' : 'jobs.terms.added_synonym';
        status.ok({ i18n: key, params: { word: added.alias, means: pick(added.name_ko, added.name_en || added.name_ko) } });
        announce(t(key, { word: added.alias, means: pick(added.name_ko, added.name_en || added.name_ko) }));
        form.elements.alias.focus();
      } catch (e) {
        showApiError(form, e);
      }
    });
  });
  await load();
  return h('div', { class: 'container page-jobs-terms', dataset: { centre: String(centreId) } },
    h('h1', { class: 'page-title', i18n: titleKey }),
    h('p', { class: 'page-lead', i18n: 'jobs.terms.lead' }),
    status.el,
    section('sec-terms', 'jobs.terms.sec.list', listBox),
    section('sec-add-term', 'jobs.terms.sec.add', form));
}
