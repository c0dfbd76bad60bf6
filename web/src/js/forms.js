// Form fields in KRDS markup (form-group / form-tit / form-conts / form-hint / form-hint-invalid) and the
// display of errors: per field under the input (aria-invalid, aria-describedby), and a summary at the top of
// the form in a live region listing every error, with the problem's title and detail.
import { h, clear, append } from './dom.js';
import { t, lang } from './i18n.js';
import { ApiError } from './api.js';

/**
 * A labelled input. opts: {name, labelKey, type, hintKey, required, autocomplete, inputmode, options, value,
 * multiline, checked, attrs}. options (for a select): [{value, ko, en}] or [{value, i18n}]; multiline: a textarea;
 * type 'checkbox': a KRDS check box with its label beside it (checked: its state); attrs: more attributes.
 */
export function field(form, opts) {
  // Names may be paths ("rules.window.opens_at"); ids keep to letters, digits, - and _ so they work as selectors.
  const id = `${form.id}-${opts.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const hintId = `${id}-hint`;
  const errId = `${id}-error`;
  const describedBy = [opts.hintKey ? hintId : null, errId].filter(Boolean).join(' ');
  let control;
  if (opts.type === 'checkbox') return checkField(id, errId, describedBy, opts);
  if (opts.multiline) {
    control = h('textarea', {
      id, name: opts.name, class: 'krds-input',
      attrs: { 'aria-describedby': describedBy, required: opts.required || null, rows: 4, ...opts.attrs },
    });
    control.value = opts.value ?? '';
  } else if (opts.options) {
    control = h('select', {
      id, name: opts.name, class: 'krds-form-select',
      attrs: { 'aria-describedby': describedBy, required: opts.required || null, autocomplete: opts.autocomplete },
    }, opts.options.map((o) => h('option', { value: o.value, i18n: o.i18n, ko: o.ko, en: o.en })));
  } else {
    control = h('input', {
      id, name: opts.name, class: 'krds-input',
      attrs: {
        type: opts.type || 'text',
        autocomplete: opts.autocomplete,
        inputmode: opts.inputmode,
        required: opts.required || null,
        'aria-describedby': describedBy,
        spellcheck: opts.type === 'password' || opts.autocomplete === 'email' ? 'false' : null,
        autocapitalize: opts.autocomplete === 'email' || opts.autocomplete === 'username' ? 'none' : null,
        value: opts.value,
        ...opts.attrs,
      },
    });
  }
  const label = h('label', { for: id }, h('span', { i18n: opts.labelKey }),
    opts.required ? h('span', { class: 'req', i18nAttr: { title: 'form.required' } }, ' *') : null,
    opts.required ? h('span', { class: 'sr-only', i18n: 'form.required_sr' }) : null);
  return h('div', { class: 'form-group', dataset: { field: opts.name } },
    h('div', { class: 'form-tit' }, label),
    opts.hintKey ? h('p', { class: 'form-hint', id: hintId, i18n: opts.hintKey }) : null,
    h('div', { class: 'form-conts' }, control),
    h('p', { class: 'form-hint-invalid', id: errId, hidden: true }));
}

function checkField(id, errId, describedBy, opts) {
  const control = h('input', {
    id, name: opts.name, attrs: { type: 'checkbox', 'aria-describedby': describedBy, ...opts.attrs },
  });
  control.checked = !!opts.checked;
  return h('div', { class: 'form-group', dataset: { field: opts.name } },
    h('div', { class: 'form-conts' }, h('div', { class: 'krds-form-check' }, control,
      h('label', { for: id }, h('span', { i18n: opts.labelKey })))),
    opts.hintKey ? h('p', { class: 'form-hint', id: `${id}-hint`, i18n: opts.hintKey }) : null,
    h('p', { class: 'form-hint-invalid', id: errId, hidden: true }));
}

/** The error summary that opens a form; an assertive live region, empty until something goes wrong. */
export function errorSummary(form) {
  return h('div', {
    class: 'error-summary', id: `${form.id}-errors`, hidden: true,
    attrs: { role: 'alert', 'aria-live': 'assertive', 'aria-atomic': 'true' },
  });
}

export function clearErrors(form) {
  for (const g of form.querySelectorAll('.form-group')) {
    g.querySelector('.form-conts')?.classList.remove('is-error');
    for (const c of g.querySelectorAll('input, select, textarea')) c.removeAttribute('aria-invalid');
    const e = g.querySelector('.form-hint-invalid');
    if (e) {
      e.hidden = true;
      clear(e);
      delete e.dataset.ko;
      delete e.dataset.en;
      delete e.dataset.i18n;
    }
  }
  const s = form.querySelector('.error-summary');
  if (s) {
    s.hidden = true;
    clear(s);
  }
}

/**
 * Shows errors on a form. errors: [{field, ko, en} | {field, key}]; problem: the problem+json body, if any.
 * Field errors land under their field; errors for fields the form does not have, and the problem's title and
 * detail, land in the summary. Focus moves to the first invalid field.
 */
export function showErrors(form, errors, problem) {
  clearErrors(form);
  const summary = form.querySelector('.error-summary');
  const items = [];
  let firstInvalid = null;
  for (const err of errors) {
    const group = form.querySelector(`.form-group[data-field="${CSS.escape(err.field || '')}"]`);
    const msg = err.key ? { i18n: err.key } : { ko: err.ko, en: err.en };
    if (group) {
      group.querySelector('.form-conts').classList.add('is-error');
      // A group may hold several controls (a day's opening hours): all are marked, the first takes focus.
      const controls = [...group.querySelectorAll('input, select, textarea')];
      const control = controls[0] || group;
      for (const c of controls) c.setAttribute('aria-invalid', 'true');
      const e = group.querySelector('.form-hint-invalid');
      e.replaceWith(h('p', { class: 'form-hint-invalid', id: e.id, ...msg }));
      firstInvalid ||= control;
      const label = group.querySelector('label span[data-i18n], legend span[data-i18n]');
      items.push(h('li', {}, h('a', { href: `#${control.id}`, dataset: { focus: control.id } },
        h('span', { i18n: label?.dataset.i18n || 'form.field' }), ': ', h('span', msg))));
    } else {
      items.push(h('li', {}, h('span', msg)));
    }
  }
  if (summary) {
    const title = problemTitle(problem);
    const detail = problemDetail(problem, title);
    append(summary, [
      h('p', { class: 'error-summary-title' }, title ? h('span', title) : h('span', { i18n: 'form.errors_title' })),
      detail ? h('p', { class: 'error-summary-detail', ...detail }) : null,
      items.length ? h('ul', {}, items) : null]);
    summary.hidden = false;
    // The summary's links move focus to the field they name (the router leaves in-page anchors alone).
    for (const a of summary.querySelectorAll('a[data-focus]')) {
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        document.getElementById(a.dataset.focus)?.focus();
      });
    }
  }
  (firstInvalid || summary)?.focus?.();
}

/** The problem's title in the current language: title_ko for Korean when the server sent it. */
function problemTitle(problem) {
  if (!problem) return null;
  const ko = problem.title_ko;
  const en = problem.title;
  if (!ko && !en) return null;
  return { ko: ko || en, en: en || ko };
}

function problemDetail(problem, title) {
  const d = problem?.detail;
  if (!d) return null;
  // The server's detail often repeats the title in both languages ("한국어 / English"); say it once.
  if (title && (d.includes(title.ko) || d.includes(title.en))) return null;
  return { ko: d, en: d };
}

/** Turns any failure of an API call into errors on the form. */
export function showApiError(form, err) {
  if (err instanceof ApiError && err.network) {
    showErrors(form, [{ field: '', key: 'error.network' }]);
    return;
  }
  if (err instanceof ApiError) {
    const errors = err.fieldErrors;
    if (!errors.length && !err.problem.title) errors.push({ field: '', key: statusKey(err.status) });
    showErrors(form, errors, err.problem);
    return;
  }
  console.error(err);
  showErrors(form, [{ field: '', key: 'error.unexpected' }]);
}

export function statusKey(status) {
  if (status === 401) return 'error.unauthenticated';
  if (status === 403) return 'error.forbidden';
  if (status === 404) return 'error.not_found';
  if (status === 429) return 'error.too_many';
  if (status >= 500) return 'error.server';
  return 'error.unexpected';
}

export function values(form) {
  const out = {};
  for (const [k, v] of new FormData(form)) {
    const isPassword = form.elements[k]?.type === 'password';
    out[k] = typeof v === 'string' && !isPassword ? v.trim() : v;
  }
  return out;
}

/** Disables a form's submit button while a request is on the way, and says so. */
export async function busy(form, fn) {
  const btn = form.querySelector('button[type="submit"]');
  form.setAttribute('aria-busy', 'true');
  if (btn) btn.disabled = true;
  try {
    return await fn();
  } finally {
    form.removeAttribute('aria-busy');
    if (btn) btn.disabled = false;
  }
}

export { lang };

/**
 * Server field errors, each moved to the nearest control the form has: "variants[1].stock" to the row
 * "variants[1]" (or "variants"), a field the form has stays where it is, unknown ones go to the summary.
 */
export function nearestFields(form, errors) {
  const has = (f) => !!form.querySelector(`.form-group[data-field="${CSS.escape(f)}"]`);
  const parent = (f) => {
    const p = f.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    return p === f ? '' : p;
  };
  return errors.map((err) => {
    let f = err.field || '';
    while (f && !has(f)) f = parent(f);
    return { ...err, field: f };
  });
}
