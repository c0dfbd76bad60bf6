// After the API tests (scripts/test.sh): did the suite hold every operation to its contract? Reads the operations
// the harness checked (DONGNE_CONTRACT_LOG: "operationId status" lines, and the document beside it) and prints
// a "not ok" line per gap and node-test-style "# pass" / "# fail" lines counting it as one test:
//   - every operation was called at least once;
//   - every operation that documents a JSON success body answered with it at least once, so a real body was
//     validated against its schema (contract.mjs);
//   - an operation that documents none is listed in contract-pending.txt, with why; the list only shrinks: an
//     operation listed there that now documents its body fails until its line is removed.
//   node tests/api/contract_coverage.mjs LOG
import { readFileSync, existsSync } from 'node:fs';

const log = process.argv[2];
const doc = JSON.parse(readFileSync(`${log}.openapi.json`, 'utf8'));
const seen = new Map();
for (const line of (existsSync(log) ? readFileSync(log, 'utf8') : '').split('\n')) {
  const [id, status] = line.split(' ');
  if (!id) continue;
  if (!seen.has(id)) seen.set(id, new Set());
  seen.get(id).add(Number(status));
}
const pending = new Map();
for (const line of readFileSync(new URL('./contract-pending.txt', import.meta.url), 'utf8').split('\n')) {
  const t = line.trim();
  if (!t || t.startsWith('#')) continue;
  const [id, ...why] = t.split(/\s+/);
  pending.set(id, why.join(' '));
}
let pass = 0;
const fails = [];
const ok = (cond, what) => { if (cond) pass++; else fails.push(what); };
for (const [path, ops] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(ops)) {
    const id = op.operationId;
    const success = Object.keys(op.responses).find((k) => /^\d+$/.test(k));
    const body = Boolean(op.responses[success]?.content?.['application/json']);
    ok(seen.has(id), `${id} (${method.toUpperCase()} ${path}) was never called`);
    if (body) {
      ok(seen.get(id)?.has(Number(success)), `${id} (${method.toUpperCase()} ${path}) never answered ${success}: its body schema was not checked on a real answer`);
      ok(!pending.has(id), `${id} documents its body now: remove it from tests/api/contract-pending.txt`);
    } else {
      ok(pending.has(id), `${id} (${method.toUpperCase()} ${path}) documents no success body and is not in tests/api/contract-pending.txt`);
    }
  }
}
for (const f of fails) console.log(`not ok - ${f}`);
console.log(`# operations ${Object.values(doc.paths).reduce((a, o) => a + Object.keys(o).length, 0)}, pending ${pending.size}`);
// One test in the suite's count, however many checks it made.
console.log(`# checks ${pass + fails.length}, failed ${fails.length}`);
console.log(`# pass ${fails.length ? 0 : 1}`);
console.log(`# fail ${fails.length ? 1 : 0}`);
process.exit(fails.length ? 1 : 0);
