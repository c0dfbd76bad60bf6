// 시설 관리 / Facility desk for managers: the day's sheet (check in, no-show, return, approve, reject; CSV in
// UTF-8 or CP949), booking for a walk-in or a caller, and the lottery (draw, then re-draw from the seed to check).
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { currentUser } from '../session.js';
import { B, postOnce, newKey, whenOf, statusKey, statusBox, seoulDate, hhmm, name, managedFacilities } from '../booking/lib.js';

export const titleKey = 'page.booking_manage.title';

export async function render({ query }) {
  const user = currentUser();
  const sites = await managedFacilities(user);
  const status = statusBox('manage-result');
  const siteSel = h('select', { id: 'site', class: 'krds-form-select' }, sites.map((s) => h('option', { value: s.id, ko: s.name_ko, en: s.name_en })));
  if (query.get('facility')) siteSel.value = query.get('facility');
  const dateIn = h('input', { id: 'sheet-date', class: 'krds-input', attrs: { type: 'date', value: query.get('date') || seoulDate() } });
  const sheetBody = h('tbody');
  const csvLinks = h('p', { class: 'csv-links' });
  const walkIn = h('div', { id: 'walk-in' });
  const lotteries = h('div', { id: 'lotteries' });
  let resources = [];

  async function act(id, what) {
    try {
      const b = await api.post(`${B}/bookings/${id}/${what}`, {});
      status.ok(`#${b.id} `, `#${b.id} `, h('span', { i18n: statusKey(b.status) }));
      await loadSheet();
    } catch (e) {
      status.fail(e);
    }
  }

  async function loadSheet() {
    const fid = siteSel.value;
    const s = await api.get(`${B}/facilities/${fid}/sheet?date=${dateIn.value}`);
    clear(sheetBody);
    if (!s.entries.length) sheetBody.append(h('tr', {}, h('td', { attrs: { colspan: 5 }, i18n: 'booking.sheet_empty' })));
    for (const e of s.entries) {
      const buttons = [];
      const btn = (what, key) => h('button', { type: 'button', class: `krds-btn small secondary act-${what}`, i18n: key, on: { click: () => act(e.id, what) } });
      if (e.status === 'confirmed') buttons.push(btn('check-in', e.pickup_date ? 'booking.act.pickup' : 'booking.act.check_in'), ' ', btn('no-show', 'booking.act.no_show'));
      if (e.status === 'pending') buttons.push(btn('approve', 'booking.act.approve'), ' ', btn('reject', 'booking.act.reject'));
      if (e.pickup_date && !e.returned_at && (e.status === 'checked_in')) buttons.push(btn('return', 'booking.act.return'));
      sheetBody.append(h('tr', { dataset: { id: String(e.id), status: e.status } },
        h('td', {}, name(e.resource), e.variant_label ? ` (${e.variant_label})` : null),
        h('td', {}, whenOf(e)),
        h('td', {}, e.contact_name, e.contact_phone ? ` · ${e.contact_phone}` : ''),
        h('td', {}, h('span', { class: 'booking-state', i18n: statusKey(e.status) }), e.returned_at ? [' · ', h('span', { i18n: 'booking.returned' })] : null),
        h('td', {}, buttons)));
    }
    clear(csvLinks);
    const base = `${B}/facilities/${fid}/sheet?date=${dateIn.value}&format=csv`;
    csvLinks.append(h('a', { href: base, download: '', class: 'krds-btn small tertiary', id: 'csv-utf8', i18n: 'booking.csv_utf8' }), ' ',
      h('a', { href: `${base}&encoding=cp949`, download: '', class: 'krds-btn small tertiary', id: 'csv-cp949', i18n: 'booking.csv_cp949' }));
  }

  async function loadWalkIn() {
    clear(walkIn);
    const bookable = resources.filter((r) => r.kind === 'space' || r.kind === 'studio');
    if (!bookable.length) return;
    const form = h('form', { id: 'walk-in-form', class: 'panel' });
    const resSel = h('select', { id: 'walk-in-resource', class: 'krds-form-select' }, bookable.map((r) => h('option', { value: r.id, ko: r.name_ko, en: r.name_en })));
    const slotSel = h('select', { id: 'walk-in-slot', class: 'krds-form-select' });
    const nameIn = h('input', { id: 'walk-in-name', class: 'krds-input', attrs: { required: true, autocomplete: 'off' } });
    const phoneIn = h('input', { id: 'walk-in-phone', class: 'krds-input', attrs: { inputmode: 'tel', autocomplete: 'off' } });
    const channel = h('select', { id: 'walk-in-channel', class: 'krds-form-select' },
      h('option', { value: 'walk_in', i18n: 'booking.channel.walk_in' }), h('option', { value: 'phone', i18n: 'booking.channel.phone' }));
    const fillSlots = async () => {
      clear(slotSel);
      const a = await api.get(`${B}/resources/${resSel.value}/availability?days=2`);
      for (const d of a.days) {
        for (const s of d.slots) {
          if (new Date(s.start) <= new Date(a.now) || s.left <= 0) continue;
          slotSel.append(h('option', { value: `${s.start}|${s.end}` }, `${d.date} ${hhmm(s.start)}–${hhmm(s.end)} (${s.left})`));
        }
      }
    };
    resSel.addEventListener('change', fillSlots);
    await fillSlots();
    let key = newKey();
    form.append(h('h3', { class: 'section-title', i18n: 'booking.walk_in_title' }),
      h('div', { class: 'form-group' }, h('label', { for: 'walk-in-resource', i18n: 'booking.resource' }), resSel),
      h('div', { class: 'form-group' }, h('label', { for: 'walk-in-slot', i18n: 'booking.slot' }), slotSel),
      h('div', { class: 'form-group' }, h('label', { for: 'walk-in-name', i18n: 'booking.contact_name' }), nameIn),
      h('div', { class: 'form-group' }, h('label', { for: 'walk-in-phone', i18n: 'booking.contact_phone' }), phoneIn),
      h('div', { class: 'form-group' }, h('label', { for: 'walk-in-channel', i18n: 'booking.channel' }), channel),
      h('button', { type: 'submit', class: 'krds-btn primary', i18n: 'booking.walk_in_submit' }));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const hh = await api.post(`${B}/households`, { contact_name: nameIn.value, contact_phone: phoneIn.value || undefined, city_code: 'jinju' });
        const [start, end] = slotSel.value.split('|');
        const res = await postOnce(`${B}/staff/bookings`, { household_id: hh.household.id, resource_id: Number(resSel.value), start, end, channel: channel.value }, key);
        key = newKey();
        status.ok(res.message_ko, res.message_en);
        dateIn.value = start.slice(0, 10);
        await loadSheet();
      } catch (e) {
        status.fail(e);
      }
    });
    walkIn.append(form);
  }

  function lotteryPanel(r) {
    const out = h('div', { class: 'lottery-out' });
    const show = (j, verify) => {
      clear(out);
      const groups = verify ? j.groups.map((g) => ({ seed: g.seed, result: g.redrawn, same: g.same })) : (j.result?.groups || []);
      if (verify) out.append(h('p', { class: j.same ? 'booking-status ok' : 'booking-status error', id: `verify-${r.id}`, i18n: j.same ? 'booking.verify_same' : 'booking.verify_differs' }));
      for (const g of groups) {
        out.append(h('p', {}, h('span', { i18n: 'booking.seed' }), ' ', h('code', {}, g.seed)),
          h('p', {}, h('span', { i18n: 'booking.winners' }), ' ', h('span', { class: verify ? 'redrawn-winners' : 'winners' }, g.result.winners.join(', '))),
          h('p', {}, h('span', { i18n: 'booking.lottery_waitlist' }), ' ', g.result.waitlist.join(', ')));
      }
    };
    const draw = h('button', { type: 'button', class: 'krds-btn small primary draw', i18n: 'booking.draw', on: { click: async () => { try { show(await api.post(`${B}/resources/${r.id}/lottery/draw`, {}), false); } catch (e) { status.fail(e); } } } });
    const verify = h('button', { type: 'button', class: 'krds-btn small secondary verify', i18n: 'booking.verify', on: { click: async () => { try { show(await api.post(`${B}/resources/${r.id}/lottery/verify`, {}), true); } catch (e) { status.fail(e); } } } });
    return h('section', { class: 'panel lottery', dataset: { id: String(r.id) } }, h('h3', { class: 'section-title' }, name(r)),
      h('p', {}, h('span', { i18n: 'booking.rule.lottery' }), ' ', h('time', { datetime: r.lottery.draw_at }), ' · ', h('span', { i18n: 'booking.seed' }), ' ', h('code', {}, r.lottery.seed)),
      r.lottery.drawn_at ? h('p', {}, h('span', { i18n: 'booking.drawn_at' }), ' ', h('time', { datetime: r.lottery.drawn_at })) : null,
      draw, ' ', verify, out);
  }

  async function loadSite() {
    resources = (await api.get(`${B}/resources?facility_id=${siteSel.value}`)).items;
    await loadSheet();
    await loadWalkIn();
    clear(lotteries);
    for (const r of resources.filter((x) => x.lottery)) lotteries.append(lotteryPanel(r));
  }
  siteSel.addEventListener('change', loadSite);
  dateIn.addEventListener('change', loadSheet);
  if (sites.length) await loadSite();
  return h('div', { class: 'container page-booking-manage' },
    h('h1', { class: 'page-title', i18n: 'page.booking_manage.title' }),
    h('p', { class: 'booking-links' }, h('a', { href: '/booking/manage/resources', id: 'resources-link', class: 'krds-btn secondary', i18n: 'resadmin.link' })),
    h('div', { class: 'form-group' }, h('label', { for: 'site', i18n: 'booking.site' }), siteSel),
    h('div', { class: 'form-group' }, h('label', { for: 'sheet-date', i18n: 'booking.sheet_date' }), dateIn),
    status.el,
    h('section', { attrs: { 'aria-labelledby': 'sheet-h' } }, h('h2', { id: 'sheet-h', class: 'section-title', i18n: 'booking.sheet_title' }),
      h('div', { class: 'krds-table-wrap' }, h('table', { class: 'tbl col data', id: 'day-sheet' },
        h('caption', { i18n: 'booking.sheet_caption' }),
        h('thead', {}, h('tr', {}, ['booking.col.what', 'booking.col.when', 'booking.col.who', 'booking.col.status', 'booking.col.actions'].map((k) => h('th', { scope: 'col', i18n: k })))),
        sheetBody)), csvLinks),
    h('section', { attrs: { 'aria-labelledby': 'walk-h' } }, h('h2', { id: 'walk-h', class: 'section-title', i18n: 'booking.walk_in_section' }), walkIn),
    h('section', { attrs: { 'aria-labelledby': 'lot-h' } }, h('h2', { id: 'lot-h', class: 'section-title', i18n: 'booking.lottery_section' }), lotteries));
}
