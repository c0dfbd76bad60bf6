// One bookable resource: its rules in plain words, a week of availability (slots, occurrences or item stock per
// day), and booking: pick a slot, confirm, and read the answer — confirmed, waitlisted (with position), entered
// in the lottery, or refused with the reason. Each confirmation carries its own Idempotency-Key.
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { B, postOnce, newKey, hhmm, addDays, statusBox, myHousehold, name } from '../booking/lib.js';

export const titleKey = 'page.booking_resource.title';

function rulesList(r) {
  const x = r.rules;
  const items = [
    h('li', {}, h('span', { i18n: 'booking.rule.window', params: { n: x.window.opens_days_ahead, t: x.window.opens_at } })),
  ];
  if (r.kind === 'space' || r.kind === 'studio') items.push(h('li', {}, h('span', { i18n: 'booking.rule.slot', params: { n: x.slot_minutes, c: r.capacity } })));
  if (r.kind === 'item') items.push(h('li', {}, h('span', { i18n: 'booking.rule.loan', params: { n: x.max_loan_days } })));
  if (r.kind === 'session' || r.kind === 'event') items.push(h('li', {}, h('span', { i18n: 'booking.rule.places', params: { n: r.capacity, p: x.max_persons_per_booking || '-' } })));
  const e = x.eligibility || {};
  if (e.min_child_age_months !== undefined || e.max_child_age_months !== undefined) {
    items.push(h('li', {}, h('span', { i18n: 'booking.rule.age', params: { a: e.min_child_age_months ?? 0, b: e.max_child_age_months ?? '-' } })));
  }
  if (x.quota) items.push(h('li', {}, h('span', { i18n: `booking.rule.quota_${x.quota.period}`, params: { n: x.quota.max_bookings } })));
  if (r.lottery) items.push(h('li', {}, h('span', { i18n: 'booking.rule.lottery' }), ' ', h('time', { datetime: r.lottery.draw_at }), ' · ', h('span', { i18n: 'booking.seed' }), ' ', h('code', { class: 'seed' }, r.lottery.seed)));
  return h('ul', { class: 'rules-list' }, items);
}

export async function render({ params }) {
  const id = Number(params.id);
  const [r, household] = await Promise.all([api.get(`${B}/resources/${id}`), myHousehold()]);
  const status = statusBox('booking-result');
  const calendar = h('div', { class: 'booking-calendar', id: 'booking-calendar' });
  const confirmBox = h('div', { class: 'panel confirm-box', id: 'confirm-box', hidden: true });
  let from = null;
  let now = null;

  const choose = (body, labelNodes) => {
    clear(confirmBox);
    confirmBox.hidden = false;
    const key = newKey();  // one key per confirmation: a retry or double click gives the same answer
    const persons = h('input', { id: 'persons', class: 'krds-input', attrs: { type: 'number', min: 1, max: 10, value: 1 } });
    const button = h('button', { type: 'button', id: 'confirm-booking', class: 'krds-btn primary', i18n: 'booking.confirm' });
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const payload = { ...body, resource_id: id };
        if (r.kind === 'session' || r.kind === 'event') payload.persons = Number(persons.value) || 1;
        const res = await postOnce(`${B}/bookings`, payload, key);
        status.ok(res.message_ko, res.message_en, h('p', {}, h('a', { href: '/booking/mine', i18n: 'booking.mine_link' })));
        confirmBox.hidden = true;
        await load();
      } catch (e) {
        status.fail(e);
      } finally {
        button.disabled = false;
      }
    });
    confirmBox.append(h('p', {}, h('span', { i18n: 'booking.selected' }), ' ', labelNodes),
      (r.kind === 'session' || r.kind === 'event') ? h('div', { class: 'form-group' }, h('label', { for: 'persons', i18n: 'booking.persons' }), persons) : null,
      button);
    button.focus();
  };

  function slotButton(day, s) {
    const windowOpen = new Date(now) >= new Date(day.window_opens_at);
    const closes = new Date(s.start).getTime() - r.rules.window.closes_before_minutes * 60000;
    const open = windowOpen && new Date(now).getTime() < closes;
    const full = s.left <= 0 && !r.lottery;
    const label = `${hhmm(s.start)}–${hhmm(s.end)}`;
    const can = open && (!full || r.rules.waitlist);
    return h('li', {}, h('button', {
      type: 'button', class: ['krds-btn', 'small', full ? 'tertiary' : 'secondary', 'slot'],
      dataset: { start: s.start, left: String(s.left) }, disabled: !can,
      on: { click: () => choose({ start: s.start, end: s.end }, [h('time', { date: day.date }), ` ${label}`]) },
    }, label, ' · ', full
      ? h('span', { i18n: r.rules.waitlist ? 'booking.full_waitlist' : 'booking.full' })
      : h('span', { i18n: 'booking.left', params: { n: s.left, c: s.capacity } })));
  }

  function itemForm(days) {
    const form = h('form', { id: 'item-form', class: 'panel' });
    const variant = h('select', { id: 'variant', class: 'krds-form-select' }, r.variants.map((v) => h('option', { value: v.id }, v.label)));
    const pickup = h('input', { id: 'pickup', class: 'krds-input', attrs: { type: 'date', value: days[0]?.date } });
    const ret = h('input', { id: 'return', class: 'krds-input', attrs: { type: 'date', value: days[1]?.date } });
    form.append(
      h('div', { class: 'form-group' }, h('label', { for: 'variant', i18n: 'booking.variant' }), variant),
      h('div', { class: 'form-group' }, h('label', { for: 'pickup', i18n: 'booking.pickup' }), pickup),
      h('div', { class: 'form-group' }, h('label', { for: 'return', i18n: 'booking.return' }), ret),
      h('button', { type: 'submit', class: 'krds-btn secondary', i18n: 'booking.choose_loan' }));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      choose({ variant_id: Number(variant.value), pickup_date: pickup.value, return_date: ret.value, quantity: 1 },
        [variant.selectedOptions[0].textContent, ' ', h('time', { date: pickup.value }), ' – ', h('time', { date: ret.value })]);
    });
    return form;
  }

  async function load() {
    const q = from ? `?from=${from}&days=7` : '?days=7';
    const a = await api.get(`${B}/resources/${id}/availability${q}`);
    now = a.now;
    from = from || a.days[0].date;
    clear(calendar);
    const nav = h('div', { class: 'week-nav' },
      h('button', { type: 'button', class: 'krds-btn small tertiary', id: 'prev-week', i18n: 'booking.prev_week', on: { click: () => { from = addDays(from, -7); load(); } } }),
      h('span', { class: 'week-label' }, h('time', { date: a.days[0].date }), ' – ', h('time', { date: a.days[a.days.length - 1].date })),
      h('button', { type: 'button', class: 'krds-btn small tertiary', id: 'next-week', i18n: 'booking.next_week', on: { click: () => { from = addDays(from, 7); load(); } } }));
    calendar.append(nav);
    if (r.kind === 'item') {
      calendar.append(h('div', { class: 'krds-table-wrap' }, h('table', { class: 'tbl col data', id: 'stock-table' },
        h('caption', { i18n: 'booking.stock_caption' }),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', i18n: 'booking.variant' }), a.days.map((d) => h('th', { scope: 'col' }, h('time', { date: d.date }))))),
        h('tbody', {}, r.variants.map((v) => h('tr', {}, h('th', { scope: 'row' }, v.label), a.days.map((d) => {
          const x = d.variants.find((y) => y.variant_id === v.id);
          return h('td', {}, d.status !== 'open' ? h('span', { i18n: `booking.day.${d.status}` }) : String(x?.left ?? 0));
        })))))));
      calendar.append(itemForm(a.days.filter((d) => d.status === 'open' && d.variants.some((v) => v.bookable_now))));
      return;
    }
    for (const d of a.days) {
      const hid = `day-${d.date}`;
      calendar.append(h('section', { class: 'day', attrs: { 'aria-labelledby': hid } },
        h('h3', { id: hid, class: 'day-title' }, h('time', { date: d.date }),
          d.status !== 'open' ? [' · ', h('span', { i18n: `booking.day.${d.status}` })] : null,
          d.holiday_ko ? [' ', h('span', { ko: d.holiday_ko, en: d.holiday_en })] : null),
        d.slots.length ? h('ul', { class: 'slot-list' }, d.slots.map((s) => slotButton(d, s))) : null));
    }
  }
  await load();
  return h('div', { class: 'container page-booking-resource', dataset: { code: r.code } },
    h('p', {}, h('a', { href: '/booking', i18n: 'booking.back' })),
    h('h1', { class: 'page-title' }, name(r)),
    r.description_ko ? h('p', { class: 'page-lead', ko: r.description_ko, en: r.description_en }) : null,
    r.demo ? h('p', { class: 'muted', i18n: 'booking.demo_data' }) : null,
    h('section', { class: 'panel', attrs: { 'aria-labelledby': 'rules-h' } }, h('h2', { id: 'rules-h', class: 'section-title', i18n: 'booking.rules' }), rulesList(r)),
    household ? null : h('p', { class: 'booking-status error' }, h('a', { href: '/booking/household', i18n: 'booking.household_first' })),
    h('section', { attrs: { 'aria-labelledby': 'avail-h' } }, h('h2', { id: 'avail-h', class: 'section-title', i18n: 'booking.availability' }), calendar),
    confirmBox, status.el);
}
