// Checks on the build and the catalogues that need no server and no browser: `npm run test:unit`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const HASHED = /\.[0-9a-f]{10}\.[a-z0-9]+$/;

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function build() {
  const out = mkdtempSync(path.join(tmpdir(), 'dongne-web-dist-'));
  execFileSync(process.execPath, [path.join(WEB, 'build.mjs'), '--out', out], { stdio: 'pipe' });
  return out;
}

test('the build hashes every asset, rewrites every reference, and ships no remote URL', () => {
  const out = build();
  try {
    const files = walk(out).map((p) => path.relative(out, p).split(path.sep).join('/'));
    const assets = files.filter((f) => f.startsWith('assets/'));
    assert.ok(assets.length > 20);
    for (const f of assets) assert.match(f, HASHED, `${f} carries a content hash`);
    assert.ok(files.includes('index.html'));

    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    const refs = [...html.matchAll(/\b(?:src|href)="([^"#]+)"/g)].map((m) => m[1]);
    assert.ok(refs.some((r) => /^\/assets\/js\/main\.[0-9a-f]{10}\.js$/.test(r)), 'entry module is hashed');
    assert.ok(refs.some((r) => /^\/assets\/krds\/css\/krds\.[0-9a-f]{10}\.css$/.test(r)), 'KRDS CSS is linked');
    for (const r of refs) {
      assert.match(r, /^\/assets\//, `${r} is a local asset`);
      assert.ok(files.includes(r.slice(1)), `${r} exists`);
    }

    for (const f of assets.filter((x) => /\.(css|js)$/.test(x))) {
      const text = readFileSync(path.join(out, f), 'utf8');
      assert.doesNotMatch(text, /url\(\s*["']?(?:https?:)?\/\//, `${f}: no remote url()`);
      assert.doesNotMatch(text, /@import/, `${f}: no @import`);
      // Every relative reference resolves to a file in dist.
      const re = f.endsWith('.css')
        ? /url\(\s*["']?([^"')\s]+)/g
        : /(?:\bfrom\s*|\bimport\s*\(?\s*|new URL\(\s*)["'](\.{1,2}\/[^"']+)["']/g;
      for (const m of text.matchAll(re)) {
        if (/^(data:|#)/.test(m[1])) continue;
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(f), m[1]));
        assert.ok(files.includes(target), `${f} -> ${m[1]} exists`);
        assert.match(target, HASHED, `${f} -> ${m[1]} is hashed`);
      }
    }

    // The fonts are bundled (woff2) and declared by our own @font-face.
    const fontCss = assets.find((f) => /^assets\/css\/fonts\./.test(f));
    const fontText = readFileSync(path.join(out, fontCss), 'utf8');
    for (const w of ['Regular', 'Medium', 'Bold']) {
      assert.match(fontText, new RegExp(`PretendardGOV-${w}\\.subset\\.[0-9a-f]{10}\\.woff2`));
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the build is deterministic', () => {
  const a = build();
  const b = build();
  try {
    const list = (d) => walk(d).map((p) => path.relative(d, p)).sort();
    assert.deepEqual(list(a), list(b));
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

/** A language's catalogue as the app loads it: <lang>.json merged with every <part>.<lang>.json (dispatch.ko.json). */
function catalogue(lang) {
  const dir = path.join(WEB, 'src/i18n');
  const names = readdirSync(dir).filter((n) => n === `${lang}.json` || n.endsWith(`.${lang}.json`)).sort();
  return Object.assign({}, ...names.map((n) => JSON.parse(readFileSync(path.join(dir, n), 'utf8'))));
}

test('each catalogue file has its ko and en halves with the same keys, and no key is in two files', () => {
  const dir = path.join(WEB, 'src/i18n');
  const seen = new Map();
  for (const n of readdirSync(dir).filter((x) => x.endsWith('.ko.json') || x === 'ko.json')) {
    const ko = JSON.parse(readFileSync(path.join(dir, n), 'utf8'));
    const en = JSON.parse(readFileSync(path.join(dir, n.replace(/ko\.json$/, 'en.json')), 'utf8'));
    assert.deepEqual(Object.keys(en).sort(), Object.keys(ko).sort(), n);
    for (const k of Object.keys(ko)) {
      assert.ok(!seen.has(k), `${k} is in ${n} and ${seen.get(k)}`);
      seen.set(k, n);
    }
  }
});

test('ko and en catalogues have the same keys and no empty strings', () => {
  const ko = catalogue('ko');
  const en = catalogue('en');
  assert.deepEqual(Object.keys(en).sort(), Object.keys(ko).sort());
  for (const cat of [ko, en]) for (const [k, v] of Object.entries(cat)) assert.ok(v.trim(), k);
  // Placeholders agree between languages.
  for (const k of Object.keys(ko)) {
    const ph = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(ph(en[k]), ph(ko[k]), `placeholders of ${k}`);
  }
});

test('every role, its work and its cards have words in both languages', async () => {
  const { ROLES, ROLE_ORDER, roleKey } = await import(path.join(WEB, 'src/js/roles.js'));
  const ko = catalogue('ko');
  const en = catalogue('en');
  const roles = ['resident', 'counsellor', 'employer', 'facility_manager', 'operator', 'driver',
    'district_officer', 'city_officer', 'admin'];
  assert.deepEqual([...ROLE_ORDER].sort(), [...roles].sort());
  // The pages that exist are the routes the front end registers in main.js.
  const pages = [...readFileSync(path.join(WEB, 'src/js/main.js'), 'utf8').matchAll(/path: '([^']+)'/g)].map((m) => m[1]);
  assert.ok(pages.includes('/account') && pages.includes('/admin/users'), 'routes found in main.js');
  for (const r of roles) {
    for (const cat of [ko, en]) assert.ok(cat[roleKey(r)], `${roleKey(r)}`);
    for (const w of ROLES[r].work || []) {
      for (const cat of [ko, en]) {
        assert.ok(cat[`${w}.title`], `${w}.title`);
        assert.ok(cat[`${w}.desc`], `${w}.desc`);
      }
    }
    for (const l of ROLES[r].links || []) {
      assert.ok(pages.includes(l.href), `${l.href} is a page that exists`);
      for (const cat of [ko, en]) assert.ok(cat[`${l.card}.title`] && cat[`${l.card}.desc`], l.card);
    }
  }
  for (const k of ['card.account.title', 'card.account.desc']) assert.ok(ko[k] && en[k], k);
});

test('no user-visible Korean or English sentences are hard-coded in the scripts', () => {
  for (const f of walk(path.join(WEB, 'src/js'))) {
    const text = readFileSync(f, 'utf8')
      .replace(/\/\/.*$/gm, '')
      .replace(/\/\*[\s\S]*?\*\//g, '');
    // Hangul in code (outside comments) would be a string that skips the catalogues; the only allowed one is
    // the brand mark and the language names, which are the same in every language.
    const hangul = [...text.matchAll(/['"`]([^'"`\n]*[\uAC00-\uD7A3][^'"`\n]*)['"`]/g)].map((m) => m[1]);
    assert.deepEqual(hangul.filter((s) => !['동', '한국어'].includes(s)), [], path.relative(WEB, f));
  }
});
