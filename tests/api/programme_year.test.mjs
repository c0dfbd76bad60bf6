// An independent replay of a programme year through the API (issue 26). A past year's call is entered after the
// fact, two districts' projects are selected, and a seeded random history follows: enrolments (some reaching outside
// the project's period, some overlapping), role changes, corrected names, ends, removals, outputs of two kinds,
// spending with refunds (some refused), and hires recorded by a Saeil centre for a linked employer, one of them a
// participant linked to her seeker number. The expected figures are computed here, from the definitions table of
// docs/programmes.md only (nothing of the server's code), and after every step every figure of the dashboard (total,
// each project, each district, each target group, on six dates) must agree, as must which requests were refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, call, tokenFor } from './harness.mjs';
import { rng } from './random.mjs';
import { seekerInJobSearch } from './jobs_helpers.mjs';
import { login } from './booking_helpers.mjs';

const P = '/api/v1/programmes';
const J = '/api/v1/jobs';
const server = new Server();
let city, yeonsu, bupyeong, counsellor;

before(async () => {
  await server.start();
  city = await tokenFor(server, 'city_officer');
  yeonsu = await tokenFor(server, 'district_officer');
  bupyeong = await login(server, 'district_officer.bupyeong@demo.dongne.kr');
  counsellor = await tokenFor(server, 'counsellor');
});
after(() => server.stop());

const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const monthEnd = (year, m) => new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
const max = (a, b) => (a > b ? a : b);
const min = (a, b) => (a < b ? a : b);

// The definitions table of docs/programmes.md, as plainly as it reads.
class Reference {
  constructor(projects) {
    this.projects = new Map(projects.map((p) => [p.id, p]));
    this.spells = [];   // { id, project, person, role, paid, group, start, end, removed }
    this.outputs = [];  // { project, day, kind, count }
    this.spending = []; // { project, day, won }
  }

  // A spell as counted: clipped to its project's period; null if nothing of it is inside.
  clipped(s) {
    const p = this.projects.get(s.project);
    const start = max(s.start, p.start_date);
    const end = min(s.end ?? p.end_date, p.end_date);
    return start <= end ? { start, end } : null;
  }

  overlaps(project, person, start, end, except) {
    // A hire is Jobs' record, not an enrolment: enrolling the person she is beside it is allowed (one person still).
    return this.spells.some((s) => !s.removed && !s.hire && s.id !== except && s.project === project && s.person === person &&
      s.start <= (end ?? '9999-12-31') && start <= (s.end ?? '9999-12-31'));
  }

  spendingFits(project, day, won) {
    if (won === 0) return false;
    const p = this.projects.get(project);
    const rows = [...this.spending.filter((x) => x.project === project), { day, won }];
    // The figure on every day from the first spending on: never below zero, never above the budget.
    for (const d of rows.map((x) => x.day)) {
      const total = rows.filter((x) => x.day <= d).reduce((a, x) => a + x.won, 0);
      if (total < 0 || total > p.budget_won) return false;
    }
    return true;
  }

  figures(D, keep) {
    const jobs = new Set(); const trained = new Set(); const active = new Set();
    for (const s of this.spells) {
      if (s.removed || !keep(this.projects.get(s.project), s.group)) continue;
      const c = this.clipped(s);
      if (!c) continue;
      if (c.start <= D && D <= c.end) {
        active.add(s.person);
        if (s.paid) jobs.add(s.person);
      }
      if (s.role === 'trainee' && c.start <= D) trained.add(s.person);
    }
    const byKind = {};
    for (const o of this.outputs) {
      if (o.day <= D && keep(this.projects.get(o.project), null)) byKind[o.kind] = (byKind[o.kind] || 0) + o.count;
    }
    const spent = this.spending.filter((x) => x.day <= D && keep(this.projects.get(x.project), null)).reduce((a, x) => a + x.won, 0);
    return {
      jobs: jobs.size, trained: trained.size, participants: active.size, outputs_by_kind: byKind, spent_won: spent,
      cost_per_job_won: jobs.size === 0 ? null : Math.round(spent / jobs.size),
    };
  }
}

// The served figures in the reference's shape (kinds with a zero count are the same as absent).
function served(f) {
  const kinds = Object.fromEntries(Object.entries(f.outputs_by_kind || {}).filter(([, v]) => v !== 0));
  return { jobs: f.jobs, trained: f.trained, participants: f.participants, outputs_by_kind: kinds, spent_won: f.spent_won,
    cost_per_job_won: f.cost_per_job_won };
}

// A business registration number with a valid check digit (국세청 rule).
function businessNumber(r) {
  const d = Array.from({ length: 9 }, () => r.int(10));
  d[0] = 1 + r.int(9);
  const w = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  let sum = d.reduce((a, x, i) => a + x * w[i], 0) + Math.floor((d[8] * 5) / 10);
  return d.join('') + String((10 - (sum % 10)) % 10);
}

async function openYear(year) {
  const criteria = [{ key: 'fit', name_ko: '적합성', weight: 1, max_score: 10 }];
  const c = await call(server, 'POST', `${P}/calls`, {
    token: city, body: { year, title_ko: `${year} 지난 공모`, envelope_won: 500_000_000, city_share_pct: 50,
      deadline: `${year}-02-28T18:00:00+09:00`, criteria, entered_late: true },
  });
  assert.equal(c.status, 201, c.text);
  const ids = [];
  for (const [token, title, group, share] of [[yeonsu, '연수구 돌봄 일자리', 'career_break_women', 40_000_000],
    [bupyeong, '부평구 어르신 배달', 'seniors', 30_000_000]]) {
    const d = await call(server, 'POST', `${P}/calls/${c.body.id}/proposals`, {
      token, body: { title: `${year} ${title}`, summary: '요약', target_groups: [group], city_share_won: share,
        district_share_won: share, monthly_targets: [{ month: `${year}-04`, jobs: 3 }, { month: `${year}-09`, jobs: 5 }] },
    });
    assert.equal(d.status, 201, d.text);
    assert.equal((await call(server, 'POST', `${P}/proposals/${d.body.id}/submit`, { token })).status, 200);
    ids.push(d.body.id);
  }
  const me = (await call(server, 'GET', '/api/v1/me', { token: city })).body;
  assert.equal((await call(server, 'POST', `${P}/calls/${c.body.id}/reviewers`, { token: city, body: { user_id: me.id } })).status, 200);
  for (const id of ids) {
    assert.equal((await call(server, 'PUT', `${P}/proposals/${id}/scores`, { token: city, body: { scores: { fit: 8 } } })).status, 200);
  }
  const pub = await call(server, 'POST', `${P}/calls/${c.body.id}/publish`, { token: city });
  assert.equal(pub.status, 200, pub.text);
  const projects = (await call(server, 'GET', `${P}/projects?year=${year}`)).body.items;
  assert.equal(projects.length, 2);
  assert.ok(projects.every((p) => p.entered_late), 'a past year says it was entered after the fact');
  return projects;
}

async function replay(seed, year, steps) {
  const r = rng(seed);
  const projects = await openYear(year);
  const ref = new Reference(projects);
  // Hires at a newly registered employer count as jobs of the first project (a link, as a city officer makes it).
  const employer = await call(server, 'POST', `${J}/employers`, { token: counsellor, body: { name_ko: `${year} 돌봄 협동조합`, business_number: businessNumber(r) } });
  assert.equal(employer.status, 201, employer.text);
  const linked = projects[0].id;
  const link = await call(server, 'POST', `${P}/projects/${linked}/links`, {
    token: city, body: { event_type: 'jobs.hired', match_key: 'employer_id', match_value: String(employer.body.id), fact: 'job' },
  });
  assert.equal(link.status, 201, link.text);
  // Saeil centre seekers whose cases were opened back then, in job search, ready to be hired.
  const pastSeeker = async (name) => {
    const s = await seekerInJobSearch(server, counsellor, name, { opened_on: `${year}-01-02`, entered_late: true });
    return { seeker: s.seeker_id, caseId: s.case.id, hired: false };
  };
  const seekers = [await pastSeeker(`${year} 구직자 가`), await pastSeeker(`${year} 구직자 나`)];

  // Six people per project; a person is her name and phone (a corrected name stays her).
  const people = projects.flatMap((p, pi) => Array.from({ length: 6 }, (_, i) => ({
    project: p.id, key: `${pi}-${i}`, name: `${year}참여자${pi}${i}`, phone: `010-${7000 + pi * 10 + i}-${1000 + seed % 9000}`,
  })));
  // The first person of the linked project is the first seeker: her spells and her hire are one person.
  const linkedPerson = people.find((x) => x.project === linked);
  linkedPerson.seeker = seekers[0].seeker;
  const spellOf = new Map(); // participant id -> the reference's spell
  const dates = [`${year - 1}-12-31`, `${year}-01-01`, `${year}-03-31`, `${year}-06-30`, `${year}-09-15`, `${year}-12-31`, `${year + 1}-06-30`];
  const day = () => addDays(`${year - 1}-11-15`, r.int(470)); // mid-November before the year to February after
  const counts = {};
  const seen = (what) => { counts[what] = (counts[what] || 0) + 1; };

  const check = async (label) => {
    for (const D of dates) {
      const got = await call(server, 'GET', `${P}/kpis?year=${year}&as_of=${D}`);
      assert.equal(got.status, 200, got.text);
      const all = () => true;
      assert.deepEqual(served(got.body.total), ref.figures(D, all), `${label}: total as of ${D}`);
      for (const p of got.body.projects) {
        assert.deepEqual(served(p.figures), ref.figures(D, (q) => q.id === p.id), `${label}: project ${p.name} as of ${D}`);
      }
      for (const d of got.body.districts) {
        assert.deepEqual(served(d.figures), ref.figures(D, (q) => q.district_id === d.district_id), `${label}: district ${d.name_en} as of ${D}`);
      }
      for (const g of got.body.target_groups) {
        const want = ref.figures(D, (q, group) => (group ?? q.target_group) === g.target_group);
        // Outputs and spending belong to projects, not to people: only people's figures are split by group.
        for (const k of ['jobs', 'trained', 'participants']) {
          assert.equal(g.figures[k], want[k], `${label}: ${k} of ${g.target_group} as of ${D}`);
        }
      }
    }
  };

  for (let step = 0; step < steps; step++) {
    const op = r.int(10);
    const project = r.pick(projects).id;
    const tk = ref.projects.get(project).name.includes('연수구') ? yeonsu : bupyeong;
    if (op <= 3) { // enrol (a trainee, an employee or a volunteer; paid as said, or unsaid)
      const person = r.pick(people.filter((x) => x.project === project));
      const role = r.pick(['trainee', 'employee', 'volunteer']);
      const paidSaid = r.pick([undefined, true, false]);
      const start = day();
      const end = r.int(3) === 0 ? null : addDays(start, r.int(200));
      const group = r.int(4) === 0 ? 'youth' : undefined;
      const body = { display_name: person.name, phone: person.phone, role, start_date: start };
      if (end) body.end_date = end;
      if (paidSaid !== undefined) body.paid = paidSaid;
      if (group) body.target_group = group;
      if (person.seeker) body.seeker_id = person.seeker;
      const got = await call(server, 'POST', `${P}/projects/${project}/participants`, { token: tk, body });
      const p = ref.projects.get(project);
      const outside = start > p.end_date || (end && end < p.start_date);
      const expected = outside ? 422 : ref.overlaps(project, person.key, start, end) ? 409 : 201;
      assert.equal(got.status, expected, `step ${step}: enrol ${JSON.stringify(body)}: ${got.text}`);
      if (got.status === 201) {
        const paid = paidSaid ?? role === 'employee';
        const s = { id: got.body.id, project, person: person.key, role, paid, group: group ?? null, start, end, removed: false };
        ref.spells.push(s);
        spellOf.set(s.id, { s, person });
        seen('enrolled');
      } else seen(expected === 409 ? 'overlap refused' : 'outside refused');
    } else if (op === 4 && spellOf.size) { // edit: a role change, an end, or a corrected name
      const live = [...spellOf.values()].filter(({ s }) => !s.removed && s.project === project);
      if (!live.length) continue;
      const { s, person } = r.pick(live);
      const kind = r.int(3);
      const next = { ...s };
      if (kind === 0) { next.role = r.pick(['trainee', 'employee', 'volunteer']); next.paid = next.role === 'employee'; }
      if (kind === 1) next.end = addDays(s.start, r.int(120));
      const name = kind === 2 ? (person.name.endsWith('님') ? person.name.slice(0, -1) : `${person.name}님`) : person.name;
      const body = { display_name: name, phone: person.phone, role: next.role, paid: next.paid, start_date: next.start };
      if (next.end) body.end_date = next.end;
      const got = await call(server, 'PUT', `${P}/participants/${s.id}`, { token: tk, body });
      const p = ref.projects.get(project);
      const outside = next.start > p.end_date || (next.end && next.end < p.start_date);
      const expected = outside ? 422 : ref.overlaps(project, person.key, next.start, next.end, s.id) ? 409 : 200;
      assert.equal(got.status, expected, `step ${step}: edit ${JSON.stringify(body)}: ${got.text}`);
      if (got.status === 200) { Object.assign(s, next); person.name = name; seen(['role changed', 'ended', 'name corrected'][kind]); }
    } else if (op === 5 && spellOf.size) { // remove
      const live = [...spellOf.values()].filter(({ s }) => !s.removed && s.project === project);
      if (!live.length) continue;
      const { s } = r.pick(live);
      const got = await call(server, 'DELETE', `${P}/participants/${s.id}`, { token: tk });
      assert.equal(got.status, 200, got.text);
      s.removed = true;
      seen('removed');
    } else if (op === 6) { // outputs of two kinds
      const d = day();
      const kind = r.pick(['coaching_visit', 'meal']);
      const count = 1 + r.int(5);
      const got = await call(server, 'POST', `${P}/projects/${project}/outputs`, { token: tk, body: { day: d, kind, count } });
      const p = ref.projects.get(project);
      const inside = d >= p.start_date && d <= p.end_date;
      assert.equal(got.status, inside ? 201 : 422, `step ${step}: output on ${d}: ${got.text}`);
      if (inside) { ref.outputs.push({ project, day: d, kind, count }); seen('output'); } else seen('output refused');
    } else if (op <= 8) { // spending, or a refund (a negative amount with its reason)
      const d = day();
      const refund = r.int(3) === 0;
      const won = (refund ? -1 : 1) * (1 + r.int(15)) * 1_000_000;
      const got = await call(server, 'POST', `${P}/projects/${project}/spending`, {
        token: tk, body: { day: d, won, category: '인건비', note: refund ? '환수' : '' },
      });
      const p = ref.projects.get(project);
      const ok = d >= p.start_date && d <= p.end_date && ref.spendingFits(project, d, won);
      assert.equal(got.status, ok ? 201 : 422, `step ${step}: ${won} won on ${d}: ${got.text}`);
      if (ok) ref.spending.push({ project, day: d, won });
      seen(refund ? (ok ? 'refund' : 'refund refused') : (ok ? 'spent' : 'spending refused'));
    } else { // a hire recorded by the Saeil centre (once per case), dated inside the year
      const s = seekers.find((x) => !x.hired);
      if (!s) continue;
      const start = addDays(`${year}-01-02`, r.int(360));
      const got = await call(server, 'POST', `${J}/hires`, {
        token: counsellor, body: { case_id: s.caseId, employer_id: employer.body.id, occupation: '027', start_on: start, wage: { won: 2_100_000, unit: 'monthly' } },
      });
      assert.equal(got.status, 201, got.text);
      s.hired = true;
      const person = s === seekers[0] ? linkedPerson.key : `seeker-${s.seeker}`;
      ref.spells.push({ id: `hire-${got.body.id}`, project: linked, person, role: 'employee', paid: true, group: 'career_break_women', start, end: null, removed: false, hire: true });
      seen('hired');
      // Another pillar's event reaches the figures by the background pass (every 0.5 s): wait for it.
      const want = ref.figures(`${year}-12-31`, () => true).jobs;
      for (let i = 0; i < 100; i++) {
        const t = await call(server, 'GET', `${P}/kpis?year=${year}&as_of=${year}-12-31`);
        if (t.body.total.jobs === want) break;
        await new Promise((res) => setTimeout(res, 100));
      }
    }
    await check(`seed ${seed}, step ${step}`);
  }

  // Month ends of the year, against the plan of the monthly targets.
  const dec = await call(server, 'GET', `${P}/kpis?year=${year}&as_of=${year}-12-31`);
  assert.equal(dec.body.monthly.length, 12);
  for (let m = 1; m <= 12; m++) {
    const row = dec.body.monthly[m - 1];
    assert.deepEqual(served(row.figures), ref.figures(monthEnd(year, m), () => true), `month ${m}`);
    assert.equal(row.planned_jobs, m === 4 ? 6 : m === 9 ? 10 : 0, `planned jobs of month ${m}`);
  }
  return counts;
}

test('an independent replay of a past programme year differs from the definitions in no figure', { timeout: 600_000 }, async () => {
  const counts = {};
  for (const [seed, year] of [[11, 2016], [29, 2017]]) {
    for (const [k, v] of Object.entries(await replay(seed, year, 60))) counts[k] = (counts[k] || 0) + v;
  }
  // The history exercised every rule at least once.
  for (const what of ['enrolled', 'overlap refused', 'outside refused', 'role changed', 'ended', 'name corrected', 'removed',
    'output', 'spent', 'refund', 'hired']) {
    assert.ok(counts[what] > 0, `${what} happened (${JSON.stringify(counts)})`);
  }
});
