// 공모 열기 / The city opens a call for proposals: the form in ../programmes/call-form.js, saved with
// POST /api/v1/programmes/calls. Refusals show on the form: field errors beside their fields (a criterion's beside
// its row), a second call for the same year (409 duplicate_call) beside the year. A saved call opens its page.
import { h } from '../dom.js';
import { api, ApiError } from '../api.js';
import { errorSummary, clearErrors, showErrors, showApiError, busy } from '../forms.js';
import { seoulDate } from '../seoul.js';
import { P, nearestFields } from '../programmes/lib.js';
import { fillCallForm } from '../programmes/call-form.js';

export const titleKey = 'page.programme_call_new.title';

export async function render({ navigate }) {
  const form = h('form', { id: 'call-form', class: 'krds-form prog-form call-form', attrs: { novalidate: true } });
  form.append(errorSummary(form));
  const { read, check } = fillCallForm(form, { year: Number(seoulDate().slice(0, 4)) + 1 });
  form.append(h('div', { class: 'form-actions' },
    h('button', { type: 'submit', class: 'krds-btn primary large', i18n: 'prog.call.open' })));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form, async () => {
      clearErrors(form);
      const body = read();
      const local = check(body);
      if (local.length) {
        showErrors(form, local);
        return;
      }
      try {
        const c = await api.post(`${P}/calls`, body);
        navigate(`/programmes/calls/${c.id}?created=1`, { replace: true });
      } catch (e) {
        const p = e instanceof ApiError ? e.problem : {};
        if (e instanceof ApiError && e.status === 409 && p.reason === 'duplicate_call') {
          showErrors(form, [{ field: 'year', key: 'prog.v.duplicate_call' }], p);
        } else if (e instanceof ApiError && !e.network && e.fieldErrors.length) {
          showErrors(form, nearestFields(form, e.fieldErrors), p);
        } else {
          showApiError(form, e);
        }
      }
    });
  });
  return h('div', { class: 'container page-programme-call-new' },
    h('p', {}, h('a', { href: '/programmes/calls', id: 'back-to-calls', i18n: 'prog.back_calls' })),
    h('h1', { class: 'page-title', i18n: 'page.programme_call_new.title' }),
    h('p', { class: 'page-lead', i18n: 'prog.call.lead' }),
    form);
}
