// The console map's projection and labels, which need no browser (`npm run test:unit`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fit, shortLabel } from '../../src/js/dispatch/map.js';

// Roughly the Geomdan industrial complex: about 3.5 km east-west, 2.8 km north-south.
const BOUNDARY = [[126.650, 37.580], [126.690, 37.580], [126.690, 37.605], [126.650, 37.605]];

test('the projection fits the boundary inside the box with its margin, north up and east right', () => {
  const { width, height, project } = fit(BOUNDARY, 640, 28);
  assert.equal(width, 640);
  for (const p of BOUNDARY) {
    const [x, y] = project(p);
    assert.ok(x >= 28 - 0.1 && x <= 640 - 28 + 0.1, `x ${x}`);
    assert.ok(y >= 28 - 0.1 && y <= height - 28 + 0.1, `y ${y}`);
  }
  const [wx, ny] = project([126.650, 37.605]);
  const [ex, sy] = project([126.690, 37.580]);
  assert.ok(ex > wx, 'east is to the right');
  assert.ok(sy > ny, 'north is up');
  // Equirectangular at 37.6°: a degree of longitude is cos(37.6°) ≈ 0.79 of a degree of latitude, so the box's
  // height to width is about 0.025 / (0.04 × 0.79).
  const ratio = (height - 56) / (640 - 56);
  assert.ok(Math.abs(ratio - 0.025 / (0.04 * Math.cos((37.5925 * Math.PI) / 180))) < 0.02, `ratio ${ratio}`);
});

test('one point or a line still gives a drawable box', () => {
  const one = fit([[126.66, 37.6]]);
  assert.ok(one.height >= 200);
  const [x, y] = one.project([126.66, 37.6]);
  assert.ok(Number.isFinite(x) && Number.isFinite(y));
});

test('a vehicle marker shows the last word of its label, or its number', () => {
  assert.equal(shortLabel({ label: '서구 무빙콜 1호' }, 0), '1호');
  assert.equal(shortLabel({ label: 'Seo-gu Moving Call 2' }, 1), '2');
  assert.equal(shortLabel({ label: '' }, 2), '3');
});
