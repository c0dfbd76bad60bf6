// Seoul dates must not depend on the ICU a browser or Node carries (`npm run test:unit`). Debian 12's Node 18 has
// the system ICU 72, where Intl prints 'en-CA' dates as "11/24/2026"; newer ICU prints "2026-11-24". Code that
// read dates back out of such strings broke the calendar and the birth-month form on a fresh machine. These
// checks run the date helpers under an Intl that answers the way ICU 72 does, and scan the sources for the pattern.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// ICU 72's answers for the numeric date fields of 'en-CA' (the locale people use to get ISO-looking dates).
const RealDTF = Intl.DateTimeFormat;
class Icu72DateTimeFormat extends RealDTF {
  constructor(locale, opts = {}) {
    super(locale, opts);
    this.locale = String(locale);
    this.opts = opts;
  }
  format(d) {
    if (this.locale !== 'en-CA' || this.opts.year !== 'numeric' || this.opts.hour) return super.format(d);
    const p = Object.fromEntries(super.formatToParts(d).map((x) => [x.type, x.value]));
    return this.opts.day ? `${p.month}/${p.day}/${p.year}` : `${p.month}/${p.year}`;
  }
}

async function withIcu72(fn) {
  Intl.DateTimeFormat = Icu72DateTimeFormat;
  try {
    return await fn();
  } finally {
    Intl.DateTimeFormat = RealDTF;
  }
}

test('the ICU 72 stand-in answers as ICU 72 does', () => withIcu72(() => {
  const d = new Date('2026-11-24T03:00:00Z');
  assert.equal(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d), '11/24/2026');
  assert.equal(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit' }).format(d), '11/2026');
}));

test('Seoul dates, months and times come out the same under ICU 72', () => withIcu72(async () => {
  const seoul = await import('../../src/js/seoul.js');
  // 2026-11-24 20:30 UTC is already the 25th in Seoul; the last minute of a year rolls over to the next one.
  assert.equal(seoul.seoulDate(new Date('2026-11-24T20:30:00Z')), '2026-11-25');
  assert.equal(seoul.seoulDate('2026-12-31T15:00:00Z'), '2027-01-01');
  assert.equal(seoul.seoulDate('2026-12-31T14:59:59Z'), '2026-12-31');
  assert.equal(seoul.seoulMonth(new Date('2026-11-30T16:00:00Z')), '2026-12');
  assert.equal(seoul.seoulTime('2026-11-24T15:05:00Z'), '00:05');
  assert.equal(seoul.seoulTime('2026-11-24T10:00:00+09:00'), '10:00');
  assert.equal(seoul.toLocalInput('2026-11-24T01:07:00Z'), '2026-11-24T10:07');
  assert.equal(seoul.toLocalInput('not a date'), '');
  assert.equal(seoul.fromLocalInput('2026-11-24T10:07'), '2026-11-24T10:07:00+09:00');
  assert.equal(seoul.seoulDate('garbage'), '');
  assert.equal(seoul.addDays('2026-12-29', 7), '2027-01-05');
  assert.equal(seoul.monthsBefore('2026-03', 6), '2025-09');
  assert.equal(seoul.monthsBefore('2026-01', 1), '2025-12');
  assert.equal(seoul.monthsBefore('2026-01', 0), '2026-01');
  assert.equal(seoul.monthsBefore('2026-01', -12), '2027-01');
}));

test('the booking pages use the same helpers (no Intl date read back)', () => withIcu72(async () => {
  // booking/lib.js re-exports them; its DOM imports are not touched at import time.
  const text = readFileSync(path.join(WEB, 'src/js/booking/lib.js'), 'utf8');
  assert.match(text, /from '\.\.\/seoul\.js'/);
  const form = readFileSync(path.join(WEB, 'src/js/booking/resource-form.js'), 'utf8');
  assert.match(form, /from '\.\.\/seoul\.js'/);
}));

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    if (n === 'node_modules' || n === 'dist' || n.startsWith('.')) return [];
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

test('no source reads a date back out of a locale-formatted string', () => {
  const files = [...walk(path.join(WEB, 'src')), ...walk(path.join(WEB, 'tests')), ...walk(path.join(WEB, '..', 'tests'))]
    .filter((f) => /\.(m?js)$/.test(f) && !f.endsWith('seoul.test.mjs'));
  assert.ok(files.length > 20);
  const bad = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    text.split('\n').forEach((line, i) => {
      if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;  // comments may name the pattern
      const where = `${path.relative(WEB, f)}:${i + 1}`;
      if (/['"]en-CA['"]/.test(line)) bad.push(`${where}: the 'en-CA' locale used for ISO-looking dates`);
      if (/\.format\([^()]*(\([^()]*\))?[^()]*\)\s*\.(split|slice|substring|substr|match|replace)\(/.test(line)) {
        bad.push(`${where}: a formatted string taken apart`);
      }
      if (/toLocale(Date|Time)?String\([^)]*\)\s*\.(split|slice|substring|match|replace)\(/.test(line)) {
        bad.push(`${where}: a toLocale*String taken apart`);
      }
    });
  }
  assert.deepEqual(bad, []);
});
