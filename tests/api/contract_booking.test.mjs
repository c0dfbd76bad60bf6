// The booking staff actions no other API journey answers with a success, called here as a facility manager so that
// their real answers are checked against the OpenAPI document too (contract.mjs): a booking waiting for approval
// approved and another rejected, a lent outfit returned, and a walk-in who never came marked as a
// no-show once the check-in window has closed (the server is restarted on the same store with its clock later).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, call } from './harness.mjs';
import { CLOCK_AT, login, facilityId, allWeek, makeResource, walkIn } from './booking_helpers.mjs';

const B = '/api/v1/booking';
const server = new Server();
let resident, gaho, fid;

before(async () => {
  await server.start({ DONGNE_BOOKING_CLOCK_AT: CLOCK_AT });
  resident = await login(server, 'resident@demo.dongne.kr');
  gaho = await login(server, 'manager.gaho@demo.dongne.kr');
  fid = await facilityId(server, 'jinju-gaho');
});
after(() => server.stop());

const act = async (id, action) => {
  const r = await call(server, 'POST', `${B}/bookings/${id}/${action}`, { token: gaho });
  assert.equal(r.status, 200, `${action}: ${r.text}`);
  return r.body;
};

test('bookings waiting for approval: one approved, one rejected', async () => {
  const room = await makeResource(server, gaho, {
    facility_id: fid, code: `approval-room-${Date.now()}`, kind: 'space', name_ko: '승인 방', name_en: 'Approval room', capacity: 2,
    rules: { hours: allWeek(), slot_minutes: 60, approval: 'staff' },
  });
  const book = async (from, to) => {
    const r = await call(server, 'POST', `${B}/bookings`, {
      token: resident, body: { resource_id: room.id, start: `2026-12-01T${from}:00+09:00`, end: `2026-12-01T${to}:00+09:00` },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.outcome, 'pending_approval');
    return r.body.booking.id;
  };
  assert.equal((await act(await book('14:00', '15:00'), 'approve')).status, 'confirmed');
  assert.equal((await act(await book('16:00', '17:00'), 'reject')).status, 'rejected');
});

test('a lent outfit is returned', async () => {
  const outfit = await makeResource(server, gaho, {
    facility_id: fid, code: `dol-outfit-${Date.now()}`, kind: 'item', name_ko: '돌복', name_en: 'First-birthday outfit', capacity: 1,
    variants: [{ id: 1, label: '90', stock: 2 }], rules: { hours: allWeek(), max_loan_days: 7 },
  });
  const hh = await walkIn(server, gaho, '대여 가족');
  const b = await call(server, 'POST', `${B}/staff/bookings`, {
    token: gaho, body: { household_id: hh.id, resource_id: outfit.id, variant_id: 1, pickup_date: '2026-12-02', return_date: '2026-12-04' },
  });
  assert.equal(b.status, 201, b.text);
  // Handed over without a check-in record (the desk was busy): the return is still recorded.
  assert.ok((await act(b.body.booking.id, 'return')).returned_at);
});

test('a walk-in who never came is a no-show once the check-in window has closed', async () => {
  const room = await makeResource(server, gaho, {
    facility_id: fid, code: `no-show-room-${Date.now()}`, kind: 'space', name_ko: '불참 방', name_en: 'No-show room', capacity: 2,
    rules: { hours: allWeek(), slot_minutes: 60, check_in: { opens_before_minutes: 15, closes_after_minutes: 15 } },
  });
  const hh = await walkIn(server, gaho, '불참 가족');
  const b = await call(server, 'POST', `${B}/staff/bookings`, {
    token: gaho, body: { household_id: hh.id, resource_id: room.id, start: '2026-12-01T11:00:00+09:00', end: '2026-12-01T12:00:00+09:00' },
  });
  assert.equal(b.status, 201, b.text);
  const early = await call(server, 'POST', `${B}/bookings/${b.body.booking.id}/no-show`, { token: gaho });
  assert.equal(early.status, 409, early.text);
  await server.kill('SIGTERM');
  await server.start({ DONGNE_BOOKING_CLOCK_AT: '2026-12-01T11:30:00+09:00' });
  assert.equal((await act(b.body.booking.id, 'no-show')).status, 'no_show');
});
