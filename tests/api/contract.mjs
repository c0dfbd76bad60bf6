// The contract check every API test runs (issue 16): each answer the harness receives (harness.mjs, call) is
// checked against the OpenAPI document the server serves, which is generated from the route table: a success has
// the documented status and, when the operation documents one, a body valid against its schema (ajv, JSON Schema
// 2020-12); a refusal is application/problem+json valid against Problem. A mismatch fails the test that made the
// call. With DONGNE_CONTRACT_LOG set, each checked operation and status is appended to that file, so that
// contract_coverage.mjs can tell which operations the whole suite exercised.
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const Ajv2020 = require('ajv/dist/2020').default;

export class Contract {
  constructor(doc) {
    this.ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    this.ajv.addSchema(doc, 'api');
    this.routes = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      const re = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`);
      // Literal segments win over parameters ("/seekers/me" before "/seekers/{id}").
      const literal = path.split('/').filter((s) => !s.startsWith('{')).length;
      for (const [method, op] of Object.entries(ops)) this.routes.push({ path, method: method.toUpperCase(), op, re, literal });
    }
    this.routes.sort((a, b) => b.literal - a.literal);
    this.validators = new Map();
  }

  route(method, path) {
    return this.routes.find((r) => r.method === method && r.re.test(path));
  }

  validator(pointer) {
    if (!this.validators.has(pointer)) this.validators.set(pointer, this.ajv.compile({ $ref: `api#${pointer}` }));
    return this.validators.get(pointer);
  }

  // Returns a list of what is off (empty when the answer keeps the contract).
  check(method, url, status, contentType, body) {
    const path = url.split('?')[0];
    const r = this.route(method, path);
    if (!r) {
      // An unknown API path or method is a problem answer too; other paths are the web app's files.
      if (!path.startsWith('/api/')) return [];
      return status >= 400 && !/application\/problem\+json/.test(contentType) ? [`${method} ${path}: ${status} is not problem+json`] : [];
    }
    if (process.env.DONGNE_CONTRACT_LOG) appendFileSync(process.env.DONGNE_CONTRACT_LOG, `${r.op.operationId} ${status}\n`);
    const esc = (s) => s.replaceAll('~', '~0').replaceAll('/', '~1');
    const base = `/paths/${esc(r.path)}/${r.method.toLowerCase()}/responses`;
    const documented = Object.keys(r.op.responses).filter((k) => /^\d+$/.test(k));
    const off = [];
    if (status < 400) {
      if (!documented.includes(String(status))) off.push(`${r.op.operationId}: answered ${status}, documents ${documented.join(', ')}`);
      const content = r.op.responses[String(status)]?.content?.['application/json'];
      if (content && body !== undefined) {
        const v = this.validator(`${base}/${status}/content/application~1json/schema`);
        if (!v(body)) off.push(`${r.op.operationId} ${status}: ${this.ajv.errorsText(v.errors, { separator: '; ' })}`);
      }
    } else {
      if (!/application\/problem\+json/.test(contentType)) off.push(`${r.op.operationId}: ${status} is not problem+json`);
      else {
        const v = this.validator('/components/schemas/Problem');
        if (!v(body)) off.push(`${r.op.operationId} ${status}: ${this.ajv.errorsText(v.errors, { separator: '; ' })}`);
      }
    }
    return off;
  }
}
