#!/usr/bin/env node
// Builds the dongne front end into web/dist/ with no bundler and no network:
//
//   src/index.html, src/js/**, src/css/**, src/i18n/*.json, src/img/**   -> dist/assets/... (content-hashed)
//   krds-uiux resources/css (tokens + common + components, @import inlined) -> dist/assets/krds/css/krds.<hash>.css
//   krds-uiux images referenced by that CSS                                 -> dist/assets/krds/img/...<hash>.svg
//   krds-uiux PretendardGOV *.woff2 fonts                                   -> dist/assets/fonts/...<hash>.woff2
//   echarts dist/echarts.esm.min.js (prebuilt, self-contained ES module)    -> dist/assets/vendor/echarts.<hash>.js
//
// Every asset file name carries a content hash (`name.<10 hex>.ext`), so the server can send
// `Cache-Control: immutable` for them; dist/index.html keeps its name and is sent with `no-cache`.
// References are rewritten leaves first (images and fonts, then CSS, then JS modules in import order, then
// index.html), so a change in any file changes the name of every file that points at it.
//
// The build also checks what a reviewer would otherwise check by hand, and fails on:
//   - a reference to a file that does not exist, or an import cycle between modules;
//   - any remote URL (http:, https:, protocol-relative //) in shipped HTML, CSS or JS, or a remaining CSS @import;
//   - i18n catalogues whose keys differ, or a t('key') / data-i18n="key" in the sources missing from a catalogue.
//
// Usage: node build.mjs            (from web/, or `npm run build`)
//        node build.mjs --out DIR  (another output folder)

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.join(WEB, 'src');
const argOut = process.argv.indexOf('--out');
const DIST = argOut > 0 ? path.resolve(process.argv[argOut + 1]) : path.join(WEB, 'dist');
const HASH_LEN = 10;
const TEXT_EXT = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.txt', '.webmanifest']);

const problems = [];
const fail = (msg) => problems.push(msg);

// ---------------------------------------------------------------------------------------------------------------
// 1. Collect every output file under its *unhashed* path relative to dist/ (posix separators).

/** @type {Map<string, {data: Buffer|string, origin: string}>} */
const files = new Map();

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

function put(outPath, data, origin) {
  if (files.has(outPath)) fail(`two sources for ${outPath}: ${files.get(outPath).origin} and ${origin}`);
  files.set(outPath, { data, origin });
}

function readSource(p) {
  return TEXT_EXT.has(path.extname(p)) ? readFileSync(p, 'utf8') : readFileSync(p);
}

// Our own sources.
for (const p of walk(SRC)) {
  const rel = path.relative(SRC, p).split(path.sep).join('/');
  if (rel === 'index.html') put('index.html', readFileSync(p, 'utf8'), p);
  else put(`assets/${rel}`, readSource(p), p);
}

// KRDS from npm krds-uiux.
const require = createRequire(import.meta.url);
let KRDS;
try {
  KRDS = path.join(path.dirname(require.resolve('krds-uiux/package.json')), 'resources');
} catch {
  console.error('krds-uiux is not installed: run `npm ci` in web/ first.');
  process.exit(1);
}
const krdsVersion = JSON.parse(readFileSync(path.join(KRDS, '..', 'package.json'), 'utf8')).version;

function inlineImports(cssPath, seen = new Set()) {
  if (seen.has(cssPath)) return '';
  seen.add(cssPath);
  let css = readFileSync(cssPath, 'utf8');
  css = css.replace(/^@charset\s+"[^"]*";\s*/gm, '');
  css = css.replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '');
  return css.replace(/@import\s+(?:url\()?\s*["']([^"']+)["']\s*\)?\s*;/g, (_, spec) =>
    `/* inlined: ${spec} */\n${inlineImports(path.resolve(path.dirname(cssPath), spec), seen)}`);
}

// output.css = common.css (which imports the tokens) + component.css. Image URLs in it are relative to
// resources/css/component/, i.e. ../../img/...; we place the bundle at assets/krds/css/ and the images at
// assets/krds/img/, so the URL becomes ../img/... .
{
  const bundlePath = path.join(KRDS, 'css', 'component', 'output.css');
  let css = inlineImports(bundlePath);
  const imgs = new Set();
  css = css.replace(/url\(\s*(["']?)((?:\.\.\/)+img\/[^"')]+)\1\s*\)/g, (_, q, ref) => {
    const abs = path.resolve(path.dirname(bundlePath), ref);
    const relImg = path.relative(path.join(KRDS, 'img'), abs).split(path.sep).join('/');
    imgs.add(relImg);
    return `url(../img/${relImg})`;
  });
  put('assets/krds/css/krds.css',
    `@charset "utf-8";\n/*! KRDS (krds-uiux ${krdsVersion}, ISC licence): tokens, common and components. */\n${css}`, bundlePath);
  for (const relImg of [...imgs].sort()) {
    const src = path.join(KRDS, 'img', relImg);
    if (!existsSync(src)) { fail(`KRDS CSS refers to a missing image: ${relImg}`); continue; }
    put(`assets/krds/img/${relImg}`, readSource(src), src);
  }
}

// PretendardGOV: only the woff2 files (every browser that runs ES modules reads woff2).
for (const name of readdirSync(path.join(KRDS, 'fonts')).sort()) {
  if (name.endsWith('.woff2')) put(`assets/fonts/${name}`, readFileSync(path.join(KRDS, 'fonts', name)), name);
}

// Apache ECharts (npm echarts, Apache-2.0 licence, its notice kept at the top of the file): the prebuilt,
// self-contained ES module, which the Programmes pages import on first use. Vendor code ships as published: it is
// hashed like any asset, but not searched for references of ours or i18n keys, and the only URLs it may hold are
// XML namespace names (http://www.w3.org/2000/svg ...), identifiers that no browser fetches.
const VENDOR = new Set();
const XML_NAMESPACE = /^http:\/\/www\.w3\.org\/(?:2000\/svg|1999\/xlink|2000\/xmlns\/|XML\/1998\/namespace)$/;
{
  let echartsDir;
  try {
    echartsDir = path.dirname(require.resolve('echarts/package.json'));
  } catch {
    console.error('echarts is not installed: run `npm ci` in web/ first.');
    process.exit(1);
  }
  const src = path.join(echartsDir, 'dist', 'echarts.esm.min.js');
  const js = readFileSync(src, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n');
  put('assets/vendor/echarts.js', js, src);
  VENDOR.add('assets/vendor/echarts.js');
}

/**
 * Conservative CSS minification: drops comments (except notices that open with a bang), collapses whitespace, and trims
 * it around { } ; , — never inside strings, and never touching anything whose meaning depends on spaces
 * (calc() operators, descendant combinators, media queries).
 */
function minifyCss(css) {
  const out = [];
  let last = ''; // the last character written
  let pendingSpace = false;
  const n = css.length;
  const emit = (s) => {
    if (pendingSpace && last && !'{};,'.includes(last) && !'{};,'.includes(s[0])) out.push(' ');
    pendingSpace = false;
    out.push(s);
    last = s[s.length - 1];
  };
  let i = 0;
  while (i < n) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      if (css[i + 2] === '!') emit(`${css.slice(i, stop)}\n`);
      else pendingSpace = true;
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && css[j] !== c) j += css[j] === '\\' ? 2 : 1;
      emit(css.slice(i, j + 1));
      i = j + 1;
    } else if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f') {
      pendingSpace = true;
      i += 1;
    } else {
      let j = i + 1; // a run of ordinary characters in one go
      while (j < n && !' \n\t\r\f"\'/{};,'.includes(css[j])) j += 1;
      emit(css.slice(i, Math.max(j, i + 1)));
      i = Math.max(j, i + 1);
    }
  }
  return `${out.join('').trim()}\n`;
}

for (const [p, f] of files) if (p.endsWith('.css')) f.data = minifyCss(f.data);

// ---------------------------------------------------------------------------------------------------------------
// 2. Find the references in each text file.

const isLocal = (spec) => !/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(spec) && spec !== '';
// In JS only relative or root-relative specifiers are files of ours (bare ones would need a bundler).
const isRef = (kind, spec) => isLocal(spec) && (kind !== 'js' || /^\.{0,2}\//.test(spec)) &&
  !(kind === 'html' && spec === '/');

function resolveRef(fromOut, spec) {
  const clean = spec.split(/[?#]/)[0];
  if (fromOut === 'index.html') {
    // index.html is written with paths relative to src/ (e.g. "js/main.js"); in dist they live under assets/.
    return path.posix.normalize(clean.startsWith('/') ? clean.slice(1) : `assets/${clean}`);
  }
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromOut), clean));
}

// Each pattern captures (prefix, quote, spec). Only local references are rewritten.
const PATTERNS = {
  css: [/(url\(\s*)(["']?)([^"')\s]+)\2/g],
  js: [
    /(\bfrom\s*)(["'])([^"']+)\2/g, // import x from '...', export ... from '...'
    /(\bimport\s*)(["'])([^"']+)\2/g, // import '...'
    /(\bimport\(\s*)(["'])([^"']+)\2/g, // import('...')
    /(\bnew URL\(\s*)(["'])([^"']+)\2(?=\s*,\s*import\.meta\.url)/g, // new URL('...', import.meta.url)
  ],
  html: [/(\b(?:src|href)=)(["'])([^"']+)\2/g],
};

function kindOf(p) {
  const ext = path.extname(p);
  if (ext === '.css') return 'css';
  if (ext === '.js' || ext === '.mjs') return 'js';
  if (ext === '.html') return 'html';
  return null;
}

/** @type {Map<string, Set<string>>} */
const deps = new Map();
for (const [p, f] of files) {
  const kind = kindOf(p);
  const set = new Set();
  deps.set(p, set);
  if (!kind || VENDOR.has(p)) continue;
  for (const re of PATTERNS[kind]) {
    for (const m of f.data.matchAll(re)) {
      const spec = m[3];
      if (!isRef(kind, spec)) continue;
      const target = resolveRef(p, spec);
      if (!files.has(target)) fail(`${f.origin}: reference to a missing file "${spec}" (${target})`);
      else set.add(target);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Checks on what we ship.

for (const [p, f] of files) {
  const kind = kindOf(p);
  if (!kind) continue;
  const text = f.data;
  if (kind === 'css') {
    if (/@import\b/.test(text)) fail(`${p}: CSS @import left in shipped CSS`);
    for (const m of text.matchAll(/url\(\s*["']?((?:https?:)?\/\/[^"')]+)/g)) fail(`${p}: remote URL ${m[1]}`);
  }
  if (kind === 'html') {
    for (const m of text.matchAll(/\b(?:src|href)=["']((?:https?:)?\/\/[^"']+)/g)) fail(`${p}: remote URL ${m[1]}`);
    if (/\sstyle=/.test(text)) fail(`${p}: inline style attribute (the server's CSP allows only 'self' styles)`);
    if (/<script(?![^>]*\bsrc=)(?![^>]*type=["']application\/(?:ld\+)?json)[^>]*>/.test(text)) {
      fail(`${p}: inline script (the server's CSP allows only 'self' scripts)`);
    }
  }
  if (kind === 'js') {
    for (const m of text.matchAll(/["'`]((?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^"'`]*)["'`]/gi)) {
      // XML namespace names (the SVG namespace for createElementNS) are identifiers, never fetched.
      if (XML_NAMESPACE.test(m[1])) continue;
      fail(`${p}: remote URL ${m[1]}`);
    }
  }
}

// i18n: catalogues agree, and every key the sources use exists. A language's catalogue is <lang>.json merged with
// any <part>.<lang>.json (a pillar's own strings, e.g. dispatch.ko.json); a key may live in one file only, and each
// part has both languages.
const catalogues = {};
const parts = {}; // part ('' for the main file) -> lang -> keys
for (const [p, f] of files) {
  const m = /^assets\/i18n\/(?:([a-z0-9_-]+)\.)?([a-z]{2})\.json$/.exec(p);
  if (!m) continue;
  const [part, lang] = [m[1] || '', m[2]];
  let cat;
  try {
    cat = JSON.parse(f.data);
  } catch (e) {
    fail(`${p}: invalid JSON: ${e.message}`);
    continue;
  }
  catalogues[lang] ||= {};
  for (const k of Object.keys(cat)) {
    if (k in catalogues[lang]) fail(`i18n: key "${k}" is in more than one ${lang} catalogue (${p})`);
  }
  Object.assign(catalogues[lang], cat);
  (parts[part] ||= {})[lang] = Object.keys(cat);
}
for (const [part, byLang] of Object.entries(parts)) {
  const name = (l) => `${part ? `${part}.` : ''}${l}.json`;
  if (!byLang.ko || !byLang.en) {
    fail(`i18n: ${name('ko')} and ${name('en')} are both required`);
    continue;
  }
  const en = new Set(byLang.en);
  for (const k of byLang.ko) if (!en.has(k)) fail(`i18n: key "${k}" is in ${name('ko')} but not in ${name('en')}`);
}
if (!catalogues.ko || !catalogues.en) fail('src/i18n/ko.json and src/i18n/en.json are both required');
else {
  const langs = Object.keys(catalogues);
  for (const a of langs) {
    for (const b of langs) {
      if (a === b) continue;
      for (const k of Object.keys(catalogues[a])) {
        if (!(k in catalogues[b])) fail(`i18n: key "${k}" is in ${a}.json but not in ${b}.json`);
      }
    }
    for (const [k, v] of Object.entries(catalogues[a])) {
      if (typeof v !== 'string' || v.trim() === '') fail(`i18n: ${a}.json "${k}" is empty or not a string`);
    }
  }
  const used = new Set();
  for (const [p, f] of files) {
    const kind = kindOf(p);
    if (kind === 'js' && !VENDOR.has(p)) {
      for (const m of f.data.matchAll(/\bt\(\s*'([a-z0-9_.-]+)'/gi)) used.add(m[1]);
      for (const m of f.data.matchAll(/\b(?:i18n|titleKey|labelKey|hintKey|emptyKey|captionKey):\s*'([a-z0-9_.-]+\.[a-z0-9_.-]+)'/gi)) {
        used.add(m[1]);
      }
    }
    if (kind === 'html') for (const m of f.data.matchAll(/data-i18n(?:-[a-z-]+)?="(?:[a-z-]+:)?([a-z0-9_.-]+)"/gi)) used.add(m[1]);
  }
  for (const k of used) if (!(k in catalogues.ko)) fail(`i18n: key "${k}" is used in the sources but missing from ko.json`);
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Hash leaves first, rewriting references to the hashed names.

const order = [];
const state = new Map(); // undefined: new, 1: visiting, 2: done
function visit(p, stack) {
  if (state.get(p) === 2) return;
  if (state.get(p) === 1) {
    fail(`reference cycle: ${[...stack, p].join(' -> ')} (content hashing needs an acyclic graph)`);
    return;
  }
  state.set(p, 1);
  for (const d of deps.get(p) || []) visit(d, [...stack, p]);
  state.set(p, 2);
  order.push(p);
}
for (const p of [...files.keys()].sort()) visit(p, []);

if (problems.length) {
  console.error(`build failed with ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}

const hashed = new Map(); // unhashed out path -> hashed out path
const output = new Map(); // final out path -> data
const sha = (data) => createHash('sha256').update(data).digest('hex');

function rewrite(p, data) {
  const kind = kindOf(p);
  if (!kind || VENDOR.has(p)) return data;
  let text = data;
  for (const re of PATTERNS[kind]) {
    text = text.replace(re, (whole, prefix, q, spec) => {
      if (!isRef(kind, spec)) return whole;
      const target = resolveRef(p, spec);
      const h = hashed.get(target);
      const suffix = spec.slice(spec.split(/[?#]/)[0].length);
      let ref;
      if (p === 'index.html') ref = `/${h}`;
      else {
        ref = path.posix.relative(path.posix.dirname(p), h);
        if (!ref.startsWith('.')) ref = `./${ref}`;
      }
      return `${prefix}${q}${ref}${suffix}${q}`;
    });
  }
  return text;
}

for (const p of order) {
  const data = rewrite(p, files.get(p).data);
  if (p === 'index.html') {
    hashed.set(p, p);
    output.set(p, data);
    continue;
  }
  const ext = path.posix.extname(p);
  const name = `${p.slice(0, -ext.length)}.${sha(data).slice(0, HASH_LEN)}${ext}`;
  hashed.set(p, name);
  output.set(name, data);
}

// Preload every module the app can import from its entry, so the browser fetches them in parallel.
{
  let html = output.get('index.html');
  const entry = [...(deps.get('index.html') || [])].filter((d) => kindOf(d) === 'js');
  const seen = new Set();
  const stack = [...entry];
  while (stack.length) {
    const d = stack.pop();
    if (seen.has(d)) continue;
    seen.add(d);
    for (const x of deps.get(d) || []) if (kindOf(x) === 'js') stack.push(x);
  }
  const staticImports = [...seen].filter((d) => !entry.includes(d)).sort();
  const links = staticImports.map((d) => `    <link rel="modulepreload" href="/${hashed.get(d)}">`).join('\n');
  html = html.replace(/(\s*)<!-- modulepreload -->/, (_, ws) => (links ? `${ws}${links.trim()}` : ''));
  output.set('index.html', html);
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Write dist/ afresh, plus a manifest for the curious (and for tests).

rmSync(DIST, { recursive: true, force: true });
let bytes = 0;
for (const [p, data] of output) {
  const dest = path.join(DIST, ...p.split('/'));
  mkdirSync(path.dirname(dest), { recursive: true });
  writeFileSync(dest, data);
  bytes += Buffer.byteLength(data);
}
const manifest = Object.fromEntries([...hashed].filter(([a]) => a !== 'index.html').sort());
writeFileSync(path.join(DIST, 'asset-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

console.log(`built ${output.size} files (${(bytes / 1024).toFixed(0)} KiB) into ${path.relative(process.cwd(), DIST) || '.'}`);
