// A small DOM builder. No innerHTML anywhere: text from the server is always set as text.
//
//   h('p', {class: 'x', i18n: 'page.home.title'})     <p class="x" data-i18n="page.home.title">…</p>
//   h('a', {href: '/account', i18n: 'nav.account'})
//   h('span', {ko: u.name_ko, en: u.name_en})          text in the current language, relabelled on switch
//   h('time', {datetime: iso})                         formatted date and time
//   h('input', {attrs: {'aria-describedby': 'x'}})     any other attribute
//   h('button', {on: {click: fn}}, 'text', childNode)
import { applyI18n } from './i18n.js';

let uid = 0;
export const nextId = (prefix = 'id') => `${prefix}-${++uid}`;

export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    switch (k) {
      case 'class':
        el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
        break;
      case 'i18n':
        el.dataset.i18n = v;
        break;
      case 'params':
        el.dataset.i18nParams = JSON.stringify(v);
        break;
      case 'i18nAttr':
        el.dataset.i18nAttr = Object.entries(v).map(([a, key]) => `${a}:${key}`).join(';');
        break;
      case 'ko':
        el.dataset.ko = v;
        break;
      case 'en':
        el.dataset.en = v;
        break;
      case 'datetime':
        el.dataset.datetime = v;
        if (tag === 'time') el.setAttribute('datetime', v);
        break;
      case 'date':
        el.dataset.date = v;
        if (tag === 'time') el.setAttribute('datetime', v);
        break;
      case 'on':
        for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
        break;
      case 'attrs':
        for (const [a, av] of Object.entries(v)) {
          if (av !== undefined && av !== null && av !== false) el.setAttribute(a, av === true ? '' : String(av));
        }
        break;
      case 'dataset':
        Object.assign(el.dataset, v);
        break;
      default:
        if (k in el && typeof v !== 'string') el[k] = v;
        else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  if (props && (props.i18n || props.i18nAttr || props.ko || props.en || props.datetime || props.date)) applyI18n(el);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** Text in the language of a key, as a node that relabels itself. */
export const tx = (key, params) => h('span', { i18n: key, params });
