// Adds up the results in a test run's logs (ctest, node --test, Playwright) and prints the closing line
// "N passed, N failed"; exits 1 when anything failed or a suite left no result.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
const read = (f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : null);
const missing = [];

for (const f of ['ctest.log', 'ctest-asan.log']) {
  const t = read(f);
  if (t === null) { if (f === 'ctest.log') missing.push(f); continue; }
  const m = t.match(/(\d+)% tests passed, (\d+) tests failed out of (\d+)/);
  if (!m) { missing.push(f); continue; }
  failed += Number(m[2]);
  passed += Number(m[3]) - Number(m[2]);
}
for (const f of ['api-sqlite.log', 'api-pg.log', 'contract.log', 'web-unit.log']) {
  const t = read(f);
  const p = t && t.match(/^# pass (\d+)/m);
  const x = t && t.match(/^# fail (\d+)/m);
  if (!p || !x) { missing.push(f); continue; }
  passed += Number(p[1]);
  failed += Number(x[1]);
}
{
  const t = read('e2e.log');
  const p = t && t.match(/(\d+) passed/);
  const x = t && t.match(/(\d+) failed/);
  if (!p && !x) missing.push('e2e.log');
  passed += p ? Number(p[1]) : 0;
  failed += x ? Number(x[1]) : 0;
}
if (read('asan-build.failed')) { failed += 1; console.log('sanitizer build failed'); }
for (const m of missing) { failed += 1; console.log(`no result in ${m} (suite did not run)`); }
console.log(`logs: ${dir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
