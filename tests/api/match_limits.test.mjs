// An independent pool of seekers and vacancies through the API (issue 26): 40 seekers and 120 vacancies drawn at
// random around Jinju (day, evening and night shifts, childcare limits, hourly and monthly minimums, other
// languages, commute limits from 20 to 60 minutes), then every match returned both ways (a seeker's top 100, a
// vacancy's top 100 candidates, the demo's records included) is checked against the hard limits as docs/jobs.md
// defines them, with code written here: occupation group, languages, every shift inside her week, the commute from
// the two points, and her minimum in her own unit. Not one may cross a limit, no pair of the pool within every limit
// may be left out, and each explanation's contributions add up to its score.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, call, tokenFor } from './harness.mjs';
import { rng } from './random.mjs';

const J = '/api/v1/jobs';
const server = new Server();
let counsellor, employerId;

before(async () => {
  await server.start();
  counsellor = await tokenFor(server, 'counsellor');
  const orgs = await call(server, 'GET', '/api/v1/organisations');
  employerId = (orgs.body.items || orgs.body).find((o) => o.code === 'emp-demo-food').id;
});
after(() => server.stop());

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const inDays = (n) => new Date(Date.now() + 9 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
const minutes = (hhmm) => { const [h, m] = hhmm.split(':').map(Number); return h * 60 + m; };
const WEEK = 7 * 1440;

// --- The hard limits, from docs/jobs.md -------------------------------------------------------------------------
// Time intervals of a week in minutes from Monday 00:00; a span that ends at or before its start runs past midnight
// into the next day (Sunday night into Monday).
function spans(days, start, end) {
  const s = minutes(start);
  let e = minutes(end);
  if (e <= s) e += 1440;
  return days.map((d) => [DAYS.indexOf(d) * 1440 + s, DAYS.indexOf(d) * 1440 + e]);
}
// Her week: the availability, less what childcare forbids (no work before start_after or after leave_by on a day,
// no Saturday if she said so), as a set of free minutes.
function herWeek(profile) {
  const free = new Uint8Array(WEEK);
  const a = profile.availability;
  for (const [s, e] of spans(a.days, a.start, a.end)) for (let m = s; m < e; m++) free[m % WEEK] = 1;
  const c = profile.childcare;
  if (c) {
    for (let d = 0; d < 7; d++) {
      for (let m = 0; m < 1440; m++) {
        const tooEarly = c.start_after && m < minutes(c.start_after);
        const tooLate = c.leave_by && m >= minutes(c.leave_by);
        if (tooEarly || tooLate || (c.no_saturday && d === 5)) free[d * 1440 + m] = 0;
      }
    }
  }
  return free;
}
function shiftsFit(profile, hours) {
  const free = herWeek(profile);
  return spans(hours.days, hours.start, hours.end).every(([s, e]) => { for (let m = s; m < e; m++) if (!free[m % WEEK]) return false; return true; });
}
function haversineKm(a, b) {
  const R = 6371.0088; const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad; const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}
const commuteMin = (home, work) => 10 + 2.5 * haversineKm(home, work);
// Paid hours in a month for a weekly schedule: 209 from 40 h a week; below, the hours plus one paid rest day a week
// (a fifth) from 15 h a week, times 4.345 weeks.
function monthlyPaidHours(weeklyMinutes) {
  const h = weeklyMinutes / 60;
  if (h >= 40) return 209;
  return (h + (h >= 15 ? h / 5 : 0)) * 4.345;
}
function payInUnit(wage, hours, unit) {
  const weekly = spans(hours.days, hours.start, hours.end).reduce((a, [s, e]) => a + e - s, 0);
  if (wage.unit === unit) return wage.won;
  const paid = monthlyPaidHours(weekly);
  return unit === 'monthly' ? wage.won * paid : wage.won / paid;
}
// Every limit a pair crosses (empty when none).
function crossings(s, v) {
  const out = [];
  const p = s.profile;
  const occ = typeof v.occupation === 'object' ? v.occupation.code : v.occupation;
  if (p.occupations?.length && !p.occupations.some((o) => o[0] === occ[0])) out.push(`occupation ${occ} outside ${p.occupations}`);
  const langs = p.languages?.length ? p.languages : ['ko'];
  for (const l of v.languages || []) if (!langs.includes(l)) out.push(`language ${l}`);
  if (!shiftsFit(p, v.hours)) out.push(`shift ${JSON.stringify(v.hours)} outside ${JSON.stringify(p.availability)} ${JSON.stringify(p.childcare || {})}`);
  const c = commuteMin(p.home, v.workplace);
  if (c > (p.max_commute_min ?? 60) + 1e-6) out.push(`commute ${c.toFixed(1)} > ${p.max_commute_min}`);
  if (p.expected_wage) {
    const pay = payInUnit(v.wage, v.hours, p.expected_wage.unit);
    if (pay + 1e-6 < p.expected_wage.won) out.push(`pays ${Math.round(pay)} ${p.expected_wage.unit} < ${p.expected_wage.won}`);
  }
  return out;
}

// --- The pool ---------------------------------------------------------------------------------------------------
const OCCUPATIONS = ['023', '024', '026', '027', '028', '029', '027', '531', '550'];
const SHIFTS = [['09:00', '18:00'], ['09:30', '15:30'], ['10:00', '14:00'], ['13:00', '22:00'], ['18:00', '23:00'], ['22:00', '07:00'], ['06:00', '10:00']];
const WINDOWS = [['09:00', '18:00'], ['08:00', '20:00'], ['09:30', '16:00'], ['17:00', '23:30'], ['21:00', '08:00'], ['00:00', '23:59']];
const point = (r) => ({ lat: +(35.18 + (r.next() - 0.5) * 0.16).toFixed(5), lon: +(128.1 + (r.next() - 0.5) * 0.2).toFixed(5) });
const someDays = (r) => { const d = DAYS.filter(() => r.next() < 0.6); return d.length ? d : ['mon']; };

function seekerProfile(r) {
  const [start, end] = r.pick(WINDOWS);
  const p = {
    occupations: r.int(4) === 0 ? [] : [r.pick(OCCUPATIONS)], competencies: ['엑셀'],
    availability: { days: r.int(3) === 0 ? someDays(r) : ['mon', 'tue', 'wed', 'thu', 'fri'], start, end },
    home: point(r), max_commute_min: 25 + r.int(46),
    expected_wage: r.int(2) ? { won: 10_400 + r.int(46) * 100, unit: 'hourly' } : { won: 2_000_000 + r.int(9) * 100_000, unit: 'monthly' },
    languages: r.pick([['ko'], ['ko'], ['ko', 'vi'], ['ko', 'zh'], ['vi']]),
  };
  if (r.int(4) === 0 && minutes(end) > minutes(start)) p.childcare = { start_after: '09:30', leave_by: '16:00', no_saturday: true };
  return p;
}

function vacancyBody(r, i) {
  const [start, end] = r.pick(SHIFTS);
  return {
    employer_id: employerId, title: `풀 공고 ${i}`, occupation: r.pick(OCCUPATIONS), start_on: inDays(1 + r.int(60)), openings: 1,
    hours: { days: r.int(3) === 0 ? someDays(r) : ['mon', 'tue', 'wed', 'thu', 'fri'], start, end },
    wage: r.int(2) ? { won: 10_400 + r.int(50) * 100, unit: 'hourly' } : { won: 2_100_000 + r.int(10) * 100_000, unit: 'monthly' },
    workplace: point(r), languages: r.pick([[], [], [], ['vi'], ['zh']]),
  };
}

test('an independent pool: no match crosses a hard limit, either way', { timeout: 300_000 }, async () => {
  const r = rng(2026);
  const seekers = new Map(); // seeker id -> { profile }
  const vacancies = new Map(); // vacancy id -> the stored vacancy
  for (let i = 0; i < 40; i++) {
    const profile = seekerProfile(r);
    const got = await call(server, 'POST', `${J}/seekers`, { token: counsellor, body: { display_name: `풀 구직자 ${i}`, profile } });
    assert.equal(got.status, 201, `${JSON.stringify(profile)}: ${got.text}`);
    seekers.set(got.body.seeker_id, { profile, mine: true });
  }
  for (let i = 0; i < 120; i++) {
    const body = vacancyBody(r, i);
    const got = await call(server, 'POST', `${J}/vacancies`, { token: counsellor, body });
    assert.equal(got.status, 201, `${JSON.stringify(body)}: ${got.text}`);
    vacancies.set(got.body.id, { ...body, id: got.body.id, mine: true });
  }
  // The demo's records appear too: read them as stored (their points are what the server located).
  const vacancy = async (id) => {
    if (!vacancies.has(id)) {
      const got = await call(server, 'GET', `${J}/vacancies/${id}`);
      assert.equal(got.status, 200, got.text);
      vacancies.set(id, got.body);
    }
    return vacancies.get(id);
  };
  const seeker = async (id) => {
    if (!seekers.has(id)) {
      const got = await call(server, 'GET', `${J}/seekers/${id}`, { token: counsellor });
      assert.equal(got.status, 200, got.text);
      seekers.set(id, { profile: got.body.profile });
    }
    return seekers.get(id);
  };
  const sums = (m) => Math.abs(m.factors.reduce((a, f) => a + f.contribution, 0) - m.score) < 1e-6;
  const crossed = [];
  let pairs = 0;
  for (const id of [...seekers.keys()]) {
    const got = await call(server, 'GET', `${J}/seekers/${id}/matches?k=100`, { token: counsellor });
    assert.equal(got.status, 200, got.text);
    for (const m of got.body.items) {
      pairs++;
      const c = crossings(await seeker(id), await vacancy(m.vacancy_id));
      if (c.length) crossed.push(`seeker ${id} x vacancy ${m.vacancy_id}: ${c.join('; ')}`);
      assert.ok(sums(m), `contributions add up to the score: ${JSON.stringify(m.factors)}`);
    }
  }
  const asked = [...vacancies.keys()].slice(0, 30);
  for (const id of asked) {
    const got = await call(server, 'GET', `${J}/vacancies/${id}/candidates?k=100`, { token: counsellor });
    assert.equal(got.status, 200, got.text);
    for (const m of got.body.items) {
      pairs++;
      const c = crossings(await seeker(m.seeker_id), await vacancy(id));
      if (c.length) crossed.push(`vacancy ${id} x seeker ${m.seeker_id}: ${c.join('; ')}`);
    }
  }
  // And none is missed: each of this pool's pairs that crosses no limit is among the seeker's matches.
  let eligible = 0; const missed = [];
  for (const [sid, s] of seekers) {
    if (!s.mine) continue;
    const got = (await call(server, 'GET', `${J}/seekers/${sid}/matches?k=100`, { token: counsellor })).body.items.map((m) => m.vacancy_id);
    for (const [vid, v] of vacancies) {
      if (!v.mine || crossings(s, v).length) continue;
      eligible++;
      if (!got.includes(vid)) {
        const why = await call(server, 'GET', `${J}/match/explain?seeker_id=${sid}&vacancy_id=${vid}`, { token: counsellor });
        missed.push(`seeker ${sid} x vacancy ${vid}: ${why.body.reason_en}`);
      }
    }
  }
  assert.deepEqual(crossed, [], `${crossed.length} of ${pairs} matches cross a hard limit`);
  assert.deepEqual(missed, [], `${missed.length} of ${eligible} pairs within every limit were not matched`);
  assert.ok(pairs > 200, `the pool matched enough to mean something (${pairs} pairs)`);
});
