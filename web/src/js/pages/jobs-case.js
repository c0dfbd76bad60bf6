// 사례 관리 / One seeker's case: its state with the states it may move to next (from the server's next_states), its
// history, the plan editor, counselling notes, matching (recommendations explained, referrals, the hire form) and
// the follow-ups after a hire. After each change the case is fetched again and the change is announced.
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../live.js';
import { section, dataTable, td, statusBox, maskPhone } from '../programmes/lib.js';
import { J, stateKey } from '../jobs/lib.js';
import { planPanel, notesPanel } from '../jobs/case-plan.js';
import { matchingPanel } from '../jobs/case-match.js';
import { followupsPanel } from '../jobs/followups.js';

export const titleKey = 'page.jobs_case.title';

export async function render({ params, query }) {
  const id = Number(params.id);
  let c = await api.get(`${J}/cases/${id}`);
  const seeker = await api.get(`${J}/seekers/${c.seeker_id}?reason=${encodeURIComponent(t('jobs.reason_case_page'))}`).catch(() => null);
  const status = statusBox('case-status');
  const stateBox = h('div', { id: 'case-state-box' });
  const historyBox = h('div');
  const planBox = h('div');
  const follow = followupsPanel(id, { onChange: (k) => changed(k) });
  const matching = matchingPanel(c, { onChange: (k) => changed(k) });

  function drawState() {
    clear(stateBox);
    stateBox.append(
      h('p', { class: 'case-state-line' }, h('span', { i18n: 'jobs.col.state' }), ': ',
        h('strong', { id: 'case-state', dataset: { state: c.state }, i18n: stateKey(c.state) })),
      c.next_states?.length ? h('div', { class: 'next-states', attrs: { role: 'group', 'aria-labelledby': 'next-states-label' } },
        h('p', { id: 'next-states-label', class: 'muted', i18n: 'jobs.next_states' }),
        c.next_states.map((s) => h('button', {
          type: 'button', class: 'krds-btn small secondary to-state', dataset: { to: s },
          on: { click: (ev) => move(s, ev.currentTarget) },
        }, h('span', { i18n: 'jobs.move_to' }), ' ', h('span', { i18n: stateKey(s) })))) : null);
    clear(historyBox);
    historyBox.append(dataTable({
      id: 'history-table', captionKey: 'jobs.table.history',
      cols: [{ key: 'jobs.col.on' }, { key: 'jobs.col.from' }, { key: 'jobs.col.to' }, { key: 'jobs.col.reason' }],
      rows: (c.history || []).map((x) => h('tr', {}, td(h('time', { date: x.on })),
        td(x.from ? h('span', { i18n: stateKey(x.from) }) : ''), td(h('span', { i18n: stateKey(x.to) })), td(x.reason || ''))),
    }));
    clear(planBox);
    planBox.append(planPanel(c, { onSaved: (k) => changed(k) }));
  }

  async function move(to, btn) {
    btn.disabled = true;
    try {
      c = await api.post(`${J}/cases/${id}/transitions`, { to });
      drawState();
      status.ok({ i18n: 'jobs.moved', params: { state: t(stateKey(c.state)) } });
      announce(t('jobs.moved', { state: t(stateKey(c.state)) }));
      stateBox.querySelector('.to-state')?.focus();
    } catch (e) {
      btn.disabled = false;
      status.fail(e);
    }
  }

  async function changed(key) {
    c = await api.get(`${J}/cases/${id}`);
    drawState();
    await Promise.all([follow.load(), key === 'jobs.plan_saved' ? null : matching.load()]);
    status.ok({ i18n: key });
    announce(t(key));
  }

  drawState();
  await Promise.all([follow.load(), matching.load()]);
  const name = seeker?.display_name || t('jobs.case_n', { id });
  const p = seeker?.profile || {};
  return h('div', { class: 'container page-jobs-case', dataset: { id: String(id), seeker: String(c.seeker_id) } },
    h('p', {}, h('a', { href: '/jobs', i18n: 'jobs.back_worklist' })),
    h('h1', { class: 'page-title' }, name),
    query.get('created') ? h('p', { class: 'prog-status ok', id: 'case-created', attrs: { role: 'status' } }, h('span', { i18n: 'jobs.case_created' })) : null,
    h('dl', { class: 'info-list case-facts' },
      h('dt', { i18n: 'jobs.f.phone' }), h('dd', {}, seeker?.phone ? maskPhone(seeker.phone) : h('span', { class: 'muted', i18n: 'common.none' })),
      h('dt', { i18n: 'jobs.col.opened' }), h('dd', {}, h('time', { date: c.opened_on }),
        c.entered_late ? [' ', h('span', { class: 'krds-badge bg-light-primary', id: 'case-entered-late', i18n: 'jobs.entered_late_badge' })] : null),
      h('dt', { i18n: 'jobs.f.leave_by' }), h('dd', {}, p.childcare?.leave_by || h('span', { class: 'muted', i18n: 'common.none' }))),
    status.el,
    section('sec-state', 'jobs.sec.state', stateBox, historyBox),
    planBox,
    notesPanel(c),
    matching.el,
    section('sec-case-followups', 'jobs.sec.case_followups', follow.el));
}
