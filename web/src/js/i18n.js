// Translation: catalogues in ../i18n/<lang>.json, Korean first, English beside it. A pillar may keep its strings
// in a catalogue of its own, ../i18n/<part>.<lang>.json, merged into the language's at load (the build checks that
// no key is in two files and that every file has its ko and en halves with the same keys).
//
// The DOM is written once and relabelled in place when the language changes, so a half-filled form keeps its
// values. Elements say what they show:
//   data-i18n="key"                   textContent from the catalogue
//   data-i18n-attr="attr:key;attr:key" attributes (placeholder, aria-label, title ...) from the catalogue
//   data-ko="..." data-en="..."       text the server sent in both languages (names, error messages)
//   data-datetime="RFC 3339"          a time, formatted for the language (Asia/Seoul)
//   data-date="YYYY-MM-DD"            a local date, formatted for the language
// Params for a key go in data-i18n-params as JSON ({"n": 3} for "{n}건").

export const LANGS = ['ko', 'en'];
const STORAGE_KEY = 'dongne.lang';
const CATALOGUE_URLS = {
  ko: [new URL('../i18n/ko.json', import.meta.url), new URL('../i18n/dispatch.ko.json', import.meta.url),
    new URL('../i18n/luggage.ko.json', import.meta.url), new URL('../i18n/privacy.ko.json', import.meta.url)],
  en: [new URL('../i18n/en.json', import.meta.url), new URL('../i18n/dispatch.en.json', import.meta.url),
    new URL('../i18n/luggage.en.json', import.meta.url), new URL('../i18n/privacy.en.json', import.meta.url)],
};

const catalogues = {};
let current = 'ko';
const listeners = new Set();

function stored() {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return LANGS.includes(v) ? v : null;
  } catch {
    return null;
  }
}

async function load(lang) {
  if (!catalogues[lang]) {
    const parts = await Promise.all(CATALOGUE_URLS[lang].map(async (url) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`catalogue ${lang}: HTTP ${res.status}`);
      return res.json();
    }));
    catalogues[lang] = Object.assign({}, ...parts);
  }
  return catalogues[lang];
}

/** The language to start in: the one the person chose before, else Korean. */
export async function initI18n() {
  current = stored() || 'ko';
  // Korean is the fallback for any key a newer catalogue lacks, so it is always loaded.
  await Promise.all([load('ko'), load(current)]);
  document.documentElement.lang = current;
  return current;
}

export function lang() {
  return current;
}

/** t(key, {n: 3}) — the string for the current language, with {name} placeholders filled. */
export function t(key, params) {
  const cat = catalogues[current] || {};
  let s = cat[key] ?? catalogues.ko?.[key];
  if (s === undefined) {
    console.warn(`i18n: missing key ${key}`);
    return key;
  }
  if (params) s = s.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  return s;
}

/** Picks the current language from a pair the server sent ({ko, en} or name_ko/name_en style). */
export function pick(ko, en) {
  if (current === 'en') return en || ko || '';
  return ko || en || '';
}

const TZ = 'Asia/Seoul';

export function formatDateTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso || '';
  return new Intl.DateTimeFormat(current === 'ko' ? 'ko-KR' : 'en-GB', {
    timeZone: TZ, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(d);
}

export function formatDate(ymd) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd || '');
  if (!m) return ymd || '';
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], 12));
  return new Intl.DateTimeFormat(current === 'ko' ? 'ko-KR' : 'en-GB', {
    timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', weekday: 'short',
  }).format(d);
}

/** Relabels every marked element under root for the current language. */
export function applyI18n(root = document) {
  const all = (sel) => {
    const list = [...root.querySelectorAll(sel)];
    if (root.matches?.(sel)) list.unshift(root);
    return list;
  };
  for (const el of all('[data-i18n]')) {
    let params;
    if (el.dataset.i18nParams) {
      try {
        params = JSON.parse(el.dataset.i18nParams);
      } catch {
        params = undefined;
      }
    }
    el.textContent = t(el.dataset.i18n, params);
  }
  for (const el of all('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
  for (const el of all('[data-ko], [data-en]')) {
    el.textContent = pick(el.dataset.ko, el.dataset.en);
  }
  for (const el of all('[data-datetime]')) el.textContent = formatDateTime(el.dataset.datetime);
  for (const el of all('[data-date]')) el.textContent = formatDate(el.dataset.date);
}

/** Switches language: remembered in localStorage, <html lang> updated, the page relabelled in place. */
export async function setLang(next) {
  if (!LANGS.includes(next)) return;
  await load(next);
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode or storage disabled: the switch still holds for this page.
  }
  document.documentElement.lang = next;
  applyI18n(document);
  for (const fn of listeners) fn(next);
}

export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
