// The shuttle's GTFS-Flex feed as served (GET /api/v1/dispatch/areas/{id}/gtfs-flex.zip, public) passes the
// independent validator (gtfs_flex_validator.mjs); the validator itself catches broken feeds, so the check can fail;
// a luggage area has no feed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { Server, call, assertProblem } from './harness.mjs';
import { validate, unzip, parseCsv } from './gtfs_flex_validator.mjs';

const server = new Server();
let areas;

before(async () => {
  await server.start({ DONGNE_DISPATCH_CLOCK_AT: '2026-12-02T07:00:00+09:00' });
  areas = (await call(server, 'GET', '/api/v1/dispatch/areas')).body.items;
});
after(() => server.stop());

async function feed(id) {
  const r = await fetch(`${server.url}/api/v1/dispatch/areas/${id}/gtfs-flex.zip`);
  return { status: r.status, type: r.headers.get('content-type'), bytes: Buffer.from(await r.arrayBuffer()) };
}

// A zip of the given files (stored uncompressed or deflated), for feeding the validator broken feeds.
function zip(files) {
  const locals = [], centrals = [];
  let offset = 0;
  for (const [name, text] of files) {
    const data = deflateRawSync(Buffer.from(text)), n = Buffer.from(name);
    const local = Buffer.alloc(30); local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(text.length, 22); local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46); central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20); central.writeUInt32LE(text.length, 24); central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data); centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

test('the Geomdan shuttle\'s feed is a valid GTFS-Flex feed with every stop and the booking rule', async () => {
  const area = areas.find((a) => a.code === 'geomdan');
  const f = await feed(area.id);
  assert.equal(f.status, 200);
  assert.equal(f.type, 'application/zip');
  assert.deepEqual(validate(f.bytes), []);
  const files = unzip(f.bytes);
  const stops = parseCsv(files.get('stops.txt').toString()).slice(1);
  assert.equal(stops.length, area.stops.length);
  const rule = parseCsv(files.get('booking_rules.txt').toString());
  assert.equal(rule[1][rule[0].indexOf('prior_notice_duration_min')], String(area.lead_min));
  const times = parseCsv(files.get('stop_times.txt').toString());
  assert.equal(times[1][times[0].indexOf('start_pickup_drop_off_window')], `${area.hours.open}:00`);
});

test('the validator catches what a broken feed gets wrong', async () => {
  const area = areas.find((a) => a.code === 'geomdan');
  const good = unzip((await feed(area.id)).bytes);
  const files = [...good].map(([n, b]) => [n, b.toString()]);
  const broken = (name, edit) => validate(zip(files.map(([n, t]) => [n, n === name ? edit(t) : t])));
  assert.ok(broken('stop_times.txt', (t) => t.replace(',2,1,', ',0,1,')).some((e) => /pickup_type 0 is forbidden/.test(e)));
  assert.ok(broken('stop_times.txt', (t) => t.replaceAll('-booking', '-nope')).some((e) => /unknown pickup_booking_rule_id/.test(e)));
  assert.ok(broken('location_group_stops.txt', (t) => `${t}geomdan-stops,NO-SUCH-STOP\n`).some((e) => /unknown stop_id/.test(e)));
  assert.ok(broken('booking_rules.txt', (t) => t.replace(/-booking,1,\d+,/, '-booking,1,,')).some((e) => /prior_notice_duration_min is required/.test(e)));
  assert.ok(broken('agency.txt', (t) => t.replace('Asia/Seoul', 'Asia/Nowhere')).some((e) => /unknown timezone/.test(e)));
  assert.ok(validate(zip(files.filter(([n]) => n !== 'trips.txt'))).some((e) => /trips.txt: required file/.test(e)));
  assert.deepEqual(validate(zip(files)), [], 'the same files re-zipped are still valid');
});

test('a luggage area has no transit feed, and an unknown area is 404', async () => {
  const lug = areas.find((a) => a.kind === 'luggage');
  const r = await call(server, 'GET', `/api/v1/dispatch/areas/${lug.id}/gtfs-flex.zip`);
  assertProblem(assert, r, 422);
  assertProblem(assert, await call(server, 'GET', '/api/v1/dispatch/areas/999999/gtfs-flex.zip'), 404);
});
