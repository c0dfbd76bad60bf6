// Shared pieces of the account pages (/admin/users…): which scope each role takes, the organisations that can be a
// scope (GET /api/v1/organisations, names in both languages), the role + scope fields of a grant, and a confirmation
// dialog. The server stores whatever scope it is sent; these fields are what keeps a grant sensible.
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { t, applyI18n } from '../i18n.js';
import { field } from '../forms.js';
import { ROLE_ORDER, roleKey } from '../roles.js';

/**
 * The scope kinds a role may be granted with, first is the usual one; '' means no scope. A city-wide facility
 * manager (scope city) manages every facility, as booking/lib.js managedFacilities reads it.
 */
export const ROLE_SCOPES = {
  resident: [''],
  counsellor: ['centre'],
  employer: ['employer'],
  facility_manager: ['facility', 'city'],
  operator: ['operator'],
  driver: ['operator'],
  district_officer: ['district'],
  city_officer: ['city'],
  admin: [''],
};

/** Every organisation, once per page: {list, byId: Map}. */
export async function loadOrganisations() {
  const { items } = await api.get('/api/v1/organisations');
  const list = items || [];
  return { list, byId: new Map(list.map((o) => [o.id, o])) };
}

/** "가호동 공동육아나눔터 · 진주시" as {ko, en}: the organisation with the city or district above it. */
export function orgLabel(orgs, o) {
  const parent = o.parent_id ? orgs.byId.get(o.parent_id) : null;
  return {
    ko: parent ? `${o.name_ko} · ${parent.name_ko}` : o.name_ko,
    en: parent ? `${o.name_en} · ${parent.name_en}` : o.name_en,
  };
}

/** A grant's scope as a node: the organisation's name in the current language, else what the grant stored. */
export function scopeName(orgs, g) {
  if (!g.scope_kind) return h('span', { class: 'muted', i18n: 'common.none' });
  const o = g.scope_id ? orgs.byId.get(g.scope_id) : null;
  if (o && o.kind === g.scope_kind) return h('span', orgLabel(orgs, o));
  if (g.scope_name) return g.scope_name;
  return h('span', { i18n: 'admin_user.scope_unknown', params: { id: g.scope_id } });
}

/** "시설 관리자 · 가호동 공동육아나눔터" as text in the current language, for confirmations and button names. */
export function grantText(orgs, g) {
  const o = g.scope_id ? orgs.byId.get(g.scope_id) : null;
  const scope = o ? (document.documentElement.lang === 'en' ? o.name_en : o.name_ko) : g.scope_name;
  return scope ? `${t(roleKey(g.role))} · ${scope}` : t(roleKey(g.role));
}

/**
 * Adds the role and scope fields to `form`, named `${prefix}role`, `${prefix}scope_kind`, `${prefix}scope_id`
 * (prefix "roles[0]." on the new-account form, so the server's field errors land on them). The scope fields follow
 * the chosen role: hidden for roles without a scope, a kind choice only where the role allows more than one, and
 * the organisations of that kind. The fields go into `into` (a fieldset of the form). Returns {read, reset}.
 */
export function grantFields(form, orgs, { prefix = '', role = '', into = form } = {}) {
  const roleGroup = field(form, {
    name: `${prefix}role`, labelKey: 'admin_user.role', required: true,
    options: [{ value: '', i18n: 'admin_user.choose' }, ...ROLE_ORDER.map((r) => ({ value: r, i18n: roleKey(r) }))],
  });
  const kindGroup = field(form, {
    name: `${prefix}scope_kind`, labelKey: 'admin_user.scope_kind', hintKey: 'admin_user.scope_kind_hint', options: [],
  });
  const orgGroup = field(form, {
    name: `${prefix}scope_id`, labelKey: 'admin_user.scope_org', required: true, options: [],
  });
  const roleSel = roleGroup.querySelector('select');
  const kindSel = kindGroup.querySelector('select');
  const orgSel = orgGroup.querySelector('select');
  const orgLabelSpan = orgGroup.querySelector('label span[data-i18n]');
  roleSel.value = role;

  function fillOrgs() {
    const kind = kindSel.value;
    const keep = orgSel.value;
    clear(orgSel);
    if (!kind) {
      orgGroup.hidden = true;
      return;
    }
    orgGroup.hidden = false;
    orgLabelSpan.dataset.i18n = `admin_user.scope_org.${kind}`;
    applyI18n(orgLabelSpan);
    const choices = orgs.list.filter((o) => o.kind === kind);
    if (choices.length !== 1) orgSel.append(h('option', { value: '', i18n: 'admin_user.choose' }));
    for (const o of choices) orgSel.append(h('option', { value: String(o.id), ...orgLabel(orgs, o) }));
    if (choices.some((o) => String(o.id) === keep)) orgSel.value = keep;
  }

  function fillKinds() {
    const kinds = ROLE_SCOPES[roleSel.value] || [''];
    const keep = kindSel.value;
    clear(kindSel);
    for (const k of kinds) kindSel.append(h('option', { value: k, i18n: `admin_user.scope_kind.${k || 'none'}` }));
    if (kinds.includes(keep)) kindSel.value = keep;
    kindGroup.hidden = kinds.length < 2;
    fillOrgs();
  }

  roleSel.addEventListener('change', fillKinds);
  kindSel.addEventListener('change', fillOrgs);
  fillKinds();
  into.append(roleGroup, kindGroup, orgGroup);

  return {
    /** The grant as the API takes it, or {errors} naming the fields left empty. */
    read() {
      const errors = [];
      const g = { role: roleSel.value };
      if (!g.role) errors.push({ field: `${prefix}role`, key: 'admin_user.role_required' });
      if (g.role && kindSel.value) {
        g.scope_kind = kindSel.value;
        const o = orgs.byId.get(Number(orgSel.value));
        if (!o) {
          errors.push({ field: `${prefix}scope_id`, key: 'admin_user.scope_required' });
        } else {
          g.scope_id = o.id;
          g.scope_name = o.name_ko;
        }
      }
      return errors.length ? { errors } : { grant: g };
    },
    reset() {
      roleSel.value = '';
      fillKinds();
    },
  };
}

/**
 * Asks before something that cannot be undone quietly (revoke, disable), in a modal <dialog>: focus starts on
 * "cancel", Escape cancels, and focus goes back to what opened it. Resolves to true when confirmed.
 */
export function confirmDialog({ titleKey, text, confirmKey, id = 'confirm-dialog' }) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const titleId = `${id}-title`;
    const textId = `${id}-text`;
    const cancel = h('button', { type: 'button', class: 'krds-btn secondary medium', id: `${id}-cancel`, i18n: 'common.cancel' });
    const ok = h('button', { type: 'button', class: 'krds-btn primary medium', id: `${id}-ok`, i18n: confirmKey });
    const dlg = h('dialog', { class: 'confirm-dialog', id, attrs: { 'aria-labelledby': titleId, 'aria-describedby': textId } },
      h('h2', { id: titleId, class: 'section-title', i18n: titleKey }),
      h('p', { id: textId }, text),
      h('div', { class: 'form-actions' }, ok, ' ', cancel));
    let answer = false;
    const close = (yes) => {
      answer = yes;
      dlg.close();
    };
    ok.addEventListener('click', () => close(true));
    cancel.addEventListener('click', () => close(false));
    dlg.addEventListener('close', () => {
      dlg.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(answer);
    });
    document.body.append(dlg);
    dlg.showModal();
    cancel.focus();
  });
}
