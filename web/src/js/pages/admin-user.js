// 계정 보기 / One account, for administrators: reading it is a personal-data read that the server logs with a
// reason (GET /api/v1/admin/users/{id}?reason=…), so the page asks for the reason first and says why. Then: the
// account, its role grants with their scopes by name, granting a role with the scope picker the role needs
// (POST …/roles), revoking a grant after a confirmation (DELETE …/roles/{grant_id}), and disabling or enabling the
// account (POST …/disable, …/enable). Every change answers with the account as it now is, so nothing is read twice.
import { h, clear } from '../dom.js';
import { api, ApiError } from '../api.js';
import { field, errorSummary, clearErrors, showErrors, showApiError, busy, statusKey } from '../forms.js';
import { currentUser } from '../session.js';
import { roleKey } from '../roles.js';
import { loadOrganisations, scopeName, grantText, grantFields, confirmDialog } from '../admin/accounts.js';

export const titleKey = 'page.admin_user.title';

const none = () => h('span', { class: 'muted', i18n: 'common.none' });
const row = (key, value) => [h('dt', { i18n: key }), h('dd', {}, value ?? none())];

/** A status line for the outcome of an action (polite live region), which can take focus after the action. */
function statusLine() {
  const el = h('div', { id: 'account-status', class: 'booking-status', attrs: { role: 'status', 'aria-live': 'polite', tabindex: '-1' } });
  return {
    el,
    ok(key, params) {
      clear(el);
      el.className = 'booking-status ok';
      el.append(h('p', { i18n: key, params }));
    },
    fail(err) {
      clear(el);
      el.className = 'booking-status error';
      const p = err instanceof ApiError ? err.problem : {};
      if (err instanceof ApiError && err.network) el.append(h('p', { i18n: 'error.network' }));
      else if (p.title) el.append(h('p', { ko: p.title_ko || p.title, en: p.title }));
      else el.append(h('p', { i18n: statusKey(err?.status || 0) }));
      el.focus();
    },
  };
}

/** Where the read failed before anything was shown: not found, not allowed, or the server's message. */
function readFailure(form, e) {
  if (e instanceof ApiError && e.status === 404) {
    showErrors(form, [{ field: '', key: 'admin_user.not_found' }]);
  } else if (e instanceof ApiError && e.status === 403) {
    showErrors(form, [{ field: '', key: 'error.forbidden' }]);
  } else if (e instanceof ApiError && e.fieldErrors.length) {
    // The reason is a query parameter: the server names it "query.reason".
    showErrors(form, e.fieldErrors.map((x) => ({ ...x, field: x.field.replace(/^query\./, '') })), e.problem);
  } else {
    showApiError(form, e);
  }
}

export async function render({ params }) {
  const id = Number(params.id);
  const orgs = await loadOrganisations();
  let districts = [];
  try {
    districts = (await api.get('/api/v1/districts')).items || [];
  } catch {
    districts = [];
  }
  const h1 = h('h1', { class: 'page-title', id: 'account-title' }, h('span', { i18n: 'page.admin_user.title' }), ` #${id}`);
  const page = h('div', { class: 'container page-admin-user', dataset: { id: String(id) } },
    h('p', {}, h('a', { href: '/admin/users', id: 'back-to-users', i18n: 'admin_user.back' })),
    h1);
  if (!Number.isInteger(id) || id <= 0) {
    page.append(h('p', { class: 'notice notice-warning', i18n: 'admin_user.not_found' }));
    return page;
  }

  // Step 1: the reason. Nothing personal is on the page until the server has logged the read.
  const reasonForm = h('form', { id: 'reason-form', class: 'krds-form', attrs: { novalidate: true } });
  reasonForm.append(errorSummary(reasonForm),
    h('div', { class: 'notice', id: 'reason-notice' },
      h('p', { i18n: 'admin_user.reason_why' }),
      h('p', { i18n: 'admin_user.reason_logged' })),
    field(reasonForm, {
      name: 'reason', labelKey: 'admin_user.reason', hintKey: 'admin_user.reason_hint', required: true,
      attrs: { maxlength: 200 },
    }),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'krds-btn primary large', i18n: 'admin_user.reason_submit' })));
  const reasonSection = h('section', { class: 'panel', id: 'reason-step', attrs: { 'aria-labelledby': 'reason-h' } },
    h('h2', { id: 'reason-h', class: 'section-title', i18n: 'admin_user.reason_title' }),
    reasonForm);
  page.append(reasonSection);

  reasonForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearErrors(reasonForm);
    const reason = reasonForm.elements.reason.value.trim();
    if (!reason) {
      showErrors(reasonForm, [{ field: 'reason', key: 'admin_user.reason_required' }]);
      return;
    }
    busy(reasonForm, async () => {
      try {
        const user = await api.get(`/api/v1/admin/users/${id}?reason=${encodeURIComponent(reason)}`);
        reasonSection.replaceWith(accountView(user, { orgs, districts, h1 }));
        h1.setAttribute('tabindex', '-1');
        h1.focus();
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) throw e;
        readFailure(reasonForm, e);
      }
    });
  });
  return page;
}

function accountView(initial, { orgs, districts, h1 }) {
  let user = initial;
  const status = statusLine();
  const facts = h('dl', { class: 'info-list', id: 'account-facts' });
  const grantsBody = h('tbody');
  const grantsH = h('h2', { id: 'grants-h', class: 'section-title', i18n: 'admin_user.grants', attrs: { tabindex: '-1' } });
  const toggleBox = h('div', { id: 'account-toggle' });

  function district(code) {
    const d = districts.find((x) => x.code === code);
    return d ? h('span', { ko: d.name_ko, en: d.name_en }) : code;
  }

  function showFacts() {
    clear(h1);
    h1.append(h('span', { i18n: 'page.admin_user.title' }), ': ', user.name);
    clear(facts);
    facts.append(
      ...row('field.name', user.name),
      ...row('field.email', user.email || null),
      ...row('field.phone', user.phone || null),
      ...row('admin_user.kind', h('span', { i18n: user.kind === 'staff' ? 'admin_user.kind_staff' : 'admin_user.kind_resident' })),
      ...row('admin_users.status', h('span', { class: 'account-state', i18n: user.disabled ? 'admin_users.disabled' : 'admin_users.active' })),
      ...row('field.district', user.district_code ? district(user.district_code) : null),
      ...row('account.locale', h('span', { i18n: `lang.name.${user.locale === 'en' ? 'en' : 'ko'}` })),
      ...row('admin_users.created_at', user.created_at ? h('time', { datetime: user.created_at }) : null));
  }

  function showGrants() {
    clear(grantsBody);
    const roles = user.roles || [];
    if (!roles.length) grantsBody.append(h('tr', {}, h('td', { attrs: { colspan: 4 }, i18n: 'account.no_roles' })));
    for (const g of roles) {
      const revoke = h('button', {
        type: 'button', class: 'krds-btn small secondary revoke-grant', dataset: { grant: String(g.id ?? '') },
        on: { click: () => revokeGrant(g) },
      }, h('span', { i18n: 'admin_user.revoke' }),
      h('span', { class: 'sr-only' }, ' ', h('span', { i18n: roleKey(g.role) }), g.scope_kind ? [' · ', scopeName(orgs, g)] : null));
      if (!g.id) revoke.disabled = true;
      grantsBody.append(h('tr', { dataset: { grant: String(g.id ?? ''), role: g.role, scopeId: String(g.scope_id || '') } },
        h('th', { scope: 'row' }, h('span', { i18n: roleKey(g.role) })),
        h('td', {}, h('span', { i18n: `admin_user.scope_kind.${g.scope_kind || 'none'}` })),
        h('td', { class: 'grant-scope' }, scopeName(orgs, g)),
        h('td', { class: 'row-actions' }, revoke)));
    }
  }

  function showToggle() {
    clear(toggleBox);
    const self = currentUser()?.id === user.id;
    if (user.disabled) {
      toggleBox.append(h('p', { i18n: 'admin_user.disabled_now' }),
        h('button', { type: 'button', id: 'enable-account', class: 'krds-btn primary medium', i18n: 'admin_user.enable', on: { click: () => setDisabled(false) } }));
    } else {
      toggleBox.append(h('p', { i18n: self ? 'admin_user.disable_self' : 'admin_user.disable_what' }),
        h('button', {
          type: 'button', id: 'disable-account', class: 'krds-btn secondary medium', i18n: 'admin_user.disable',
          disabled: self, on: { click: () => setDisabled(true) },
        }));
    }
  }

  function show(next) {
    user = next;
    showFacts();
    showGrants();
    showToggle();
  }

  async function revokeGrant(g) {
    const yes = await confirmDialog({
      id: 'revoke-dialog', titleKey: 'admin_user.revoke_title', confirmKey: 'admin_user.revoke_confirm',
      text: t2('admin_user.revoke_text', { grant: grantText(orgs, g), name: user.name }),
    });
    if (!yes) return;
    try {
      show(await api.del(`/api/v1/admin/users/${user.id}/roles/${g.id}`));
      status.ok('admin_user.revoked', { grant: grantText(orgs, g) });
      grantsH.focus();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) throw e;
      status.fail(e);
    }
  }

  async function setDisabled(disable) {
    if (disable) {
      const yes = await confirmDialog({
        id: 'disable-dialog', titleKey: 'admin_user.disable_title', confirmKey: 'admin_user.disable',
        text: t2('admin_user.disable_text', { name: user.name }),
      });
      if (!yes) return;
    }
    try {
      show(await api.post(`/api/v1/admin/users/${user.id}/${disable ? 'disable' : 'enable'}`, {}));
      status.ok(disable ? 'admin_user.disabled_done' : 'admin_user.enabled_done', { name: user.name });
      toggleBox.querySelector('button')?.focus();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) throw e;
      status.fail(e);
    }
  }

  // Granting a role: the scope picker follows the role (see ../admin/accounts.js).
  const grantForm = h('form', { id: 'grant-form', class: 'krds-form', attrs: { novalidate: true } });
  grantForm.append(errorSummary(grantForm));
  const fs = h('fieldset', { class: 'contact-fieldset' }, h('legend', { class: 'fieldset-legend', i18n: 'admin_user.grant_legend' }));
  grantForm.append(fs);
  const grantInputs = grantFields(grantForm, orgs, { into: fs });
  grantForm.append(h('div', { class: 'form-actions' },
    h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'admin_user.grant_submit' })));
  grantForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearErrors(grantForm);
    const { grant, errors } = grantInputs.read();
    if (errors) {
      showErrors(grantForm, errors);
      return;
    }
    const before = new Set((user.roles || []).map((g) => g.id));
    busy(grantForm, async () => {
      try {
        show(await api.post(`/api/v1/admin/users/${user.id}/roles`, grant));
        const added = (user.roles || []).find((g) => !before.has(g.id));
        status.ok('admin_user.granted', { grant: grantText(orgs, added || grant) });
        grantInputs.reset();
        const tr = added ? grantsBody.querySelector(`tr[data-grant="${added.id}"]`) : null;
        if (tr) {
          tr.setAttribute('tabindex', '-1');
          tr.focus();
        } else {
          grantsH.focus();
        }
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) throw e;
        showApiError(grantForm, e);
      }
    });
  });

  show(user);
  return h('div', { class: 'account-view' },
    h('p', { class: 'muted', id: 'read-logged', i18n: 'admin_user.read_logged' }),
    status.el,
    h('section', { class: 'panel', attrs: { 'aria-labelledby': 'facts-h' } },
      h('h2', { id: 'facts-h', class: 'section-title', i18n: 'admin_user.facts' }),
      facts),
    h('section', { class: 'panel', attrs: { 'aria-labelledby': 'grants-h' } },
      grantsH,
      h('div', { class: 'krds-table-wrap' }, h('table', { class: 'tbl col data', id: 'grants-table' },
        h('caption', { i18n: 'admin_user.grants_caption' }),
        h('thead', {}, h('tr', {}, ['account.role', 'account.scope_kind', 'account.scope_name', 'booking.col.actions']
          .map((k) => h('th', { scope: 'col', i18n: k })))),
        grantsBody))),
    h('section', { class: 'panel', attrs: { 'aria-labelledby': 'grant-h' } },
      h('h2', { id: 'grant-h', class: 'section-title', i18n: 'admin_user.grant_title' }),
      grantForm),
    h('section', { class: 'panel', attrs: { 'aria-labelledby': 'toggle-h' } },
      h('h2', { id: 'toggle-h', class: 'section-title', i18n: 'admin_user.toggle_title' }),
      toggleBox));
}

/** A catalogue string with parameters, as a node that relabels itself on a language switch. */
function t2(key, params) {
  return h('span', { i18n: key, params });
}
