// 찾아가는 육아코칭 / A family's page for the coaching service (POST /api/v1/dispatch/visits/requests, GET /me): who
// may ask (a Bupyeong family with a child under 24 months, by her booking household), a form for the weekdays and
// hours, the neighbourhood and the address, and her coming visits with the coach, or the reason a visit cannot be.
import { h } from '../dom.js';
import { api, ApiError } from '../api.js';
import { announce } from '../live.js';
import { t } from '../i18n.js';
import { section, statusBox } from '../programmes/lib.js';
import { errorSummary, showApiError, clearErrors, field, busy } from '../forms.js';
import { DAYS, dayKey } from '../dispatch/lib.js';
import { V, NEIGHBOURHOODS, serviceName, visitTime, visitBadge, reasonText, loadServices } from '../dispatch/visits.js';

export const titleKey = 'page.dispatch_visits.title';

function visitList(visits) {
  if (!visits.length) return h('p', { class: 'notice', id: 'no-visits', i18n: 'visits.no_visits' });
  return h('ol', { class: 'visit-list', id: 'my-visits' }, visits.map((v) => h('li', { class: 'visit-item', dataset: { visit: String(v.id), status: v.status } },
    h('p', { class: 'visit-head' }, h('time', { attrs: { datetime: v.day } }, v.day), ' ', visitBadge(v)),
    h('p', {}, visitTime(v), v.worker ? [' · ', h('span', { i18n: 'visits.coach' }), ' ', h('strong', { dataset: { worker: String(v.worker.id) } }, v.worker.name)] : null),
    v.reason ? h('p', { class: 'muted' }, reasonText(v)) : null)));
}

export async function render({ user }) {
  const { items } = await loadServices();
  const coaching = items.filter((s) => s.clients === 'family');
  const page = h('div', { class: 'container narrow page-dispatch-visits' }, h('h1', { class: 'page-title', i18n: 'page.dispatch_visits.title' }),
    h('p', { class: 'lead', i18n: 'visits.lead' }));
  if (!coaching.length) {
    page.append(h('p', { class: 'notice', i18n: 'visits.no_services' }));
    return page;
  }
  const s = coaching[0];
  page.append(h('p', {}, serviceName(s), ' — ', h('span', { i18n: 'visits.who_may', params: { months: (s.eligibility.max_child_age_months ?? 23) + 1 } })));
  if (!user || !user.roles?.some((g) => g.role === 'resident')) {
    page.append(h('p', { class: 'notice', id: 'visits-sign-in' }, h('a', { href: '/signin?next=/dispatch/visits', i18n: 'visits.sign_in' })));
    return page;
  }
  const status = statusBox('visits-status');
  const list = h('div', { id: 'visits-box' });
  async function refresh() {
    const mine = await api.get(`${V}/me`);
    list.replaceChildren(visitList(mine.visits || []));
  }
  const form = h('form', { id: 'visit-request', class: 'krds-form', attrs: { novalidate: true } });
  const dayBoxes = h('fieldset', { class: 'form-group day-choice', dataset: { field: 'days' } },
    h('legend', { class: 'form-tit' }, h('span', { i18n: 'visits.f.days' })),
    h('div', { class: 'form-conts day-checks' }, DAYS.slice(0, 5).map((d) => h('div', { class: 'krds-form-check' },
      h('input', { id: `visit-day-${d}`, name: 'days', value: d, attrs: { type: 'checkbox' } }),
      h('label', { for: `visit-day-${d}` }, h('span', { i18n: dayKey(d) }))))),
    h('p', { class: 'form-hint-invalid', id: 'visit-request-days-error', hidden: true }));
  form.append(errorSummary(form), dayBoxes,
    field(form, { name: 'from', labelKey: 'visits.f.from', type: 'time', value: '10:00', required: true }),
    field(form, { name: 'to', labelKey: 'visits.f.to', type: 'time', value: '15:00', required: true }),
    field(form, { name: 'dong', labelKey: 'visits.f.dong', options: NEIGHBOURHOODS.map((n) => ({ value: n.code, i18n: `visits.dong.${n.code}` })) }),
    field(form, { name: 'place.address', labelKey: 'visits.f.address', hintKey: 'visits.f.address_hint', required: true, autocomplete: 'street-address' }),
    h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'visits.ask' }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const dong = NEIGHBOURHOODS.find((n) => n.code === form.elements.dong.value) || NEIGHBOURHOODS[0];
    const body = {
      service_id: s.id,
      days: [...form.querySelectorAll('input[name="days"]:checked')].map((b) => b.value),
      from: form.elements.from.value, to: form.elements.to.value,
      place: { address: form.elements['place.address'].value.trim(), lat: dong.lat, lon: dong.lon },
    };
    await busy(form, async () => {
      try {
        const res = await api.post(`${V}/requests`, body);
        const planned = res.visits.filter((v) => v.status === 'planned').length;
        status.ok({ i18n: 'visits.asked', params: { planned, all: res.visits.length } });
        announce(t('visits.asked', { planned, all: res.visits.length }));
        await refresh();
        document.getElementById('visits-list-h')?.focus();
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        showApiError(form, e);
      }
    });
  });
  page.append(section('visits-ask', 'visits.ask_title', form, status.el),
    section('visits-list', 'visits.mine_title', list));
  page.querySelector('#visits-list-h').setAttribute('tabindex', '-1');
  await refresh();
  return page;
}
