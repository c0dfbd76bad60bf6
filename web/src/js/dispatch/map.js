// The console's map: an inline SVG on a plain background (no tiles, no map library). The area's boundary polygon,
// its stops, each vehicle at its last position and its planned route through its next stops, projected with an
// equirectangular projection (x = lon·cos(mid latitude), y = −lat) fitted to the boundary. The SVG is one image to
// assistive technology (role="img", a <title> and a <desc> in words); the table beside it has every fact.
import { applyI18n } from '../i18n.js';

const NS = 'http://www.w3.org/2000/svg';
// Okabe-Ito colours, each with its own dash pattern, so no route is told apart by colour alone.
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
const DASHES = ['', '8 4', '2 4', '12 4 2 4', '4 4', '1 3'];

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== '') el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** A projection fitted to the points: [lon, lat] -> [x, y] inside a width × height box with a margin. */
export function fit(points, width = 640, margin = 28) {
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = (width - 2 * margin) / spanX;
  const height = Math.round(Math.min(Math.max(spanY * scale + 2 * margin, 200), width * 1.4));
  // Centre vertically when the height was clamped.
  const offY = (height - 2 * margin - spanY * scale) / 2;
  const project = ([lon, lat]) => [
    Math.round((margin + (lon - minLon) * k * scale) * 10) / 10,
    Math.round((margin + offY + (maxLat - lat) * scale) * 10) / 10,
  ];
  return { width, height, project };
}

/** The short name of a vehicle for its marker: "서구 무빙콜 1호" -> "1호". */
export const shortLabel = (v, i) => String(v.label || '').trim().split(/\s+/).pop() || String(i + 1);

export const vehicleColour = (i) => COLOURS[i % COLOURS.length];

/** The map of an area with its vehicles (the board's vehicles). */
export function areaMap(area, vehicles) {
  const boundary = (area.boundary || []).filter((p) => Array.isArray(p) && p.length >= 2);
  const stops = area.stops || [];
  const pts = [...boundary, ...stops.map((st) => [st.lon, st.lat])];
  for (const v of vehicles) if (v.position) pts.push([v.position.lon, v.position.lat]);
  const { width, height, project } = fit(pts.length ? pts : [[0, 0], [1, 1]]);
  const title = s('title', { id: 'area-map-title' });
  title.dataset.i18n = 'dispatch.map_title';
  const desc = s('desc', { id: 'area-map-desc' });
  desc.dataset.i18n = 'dispatch.map_desc';
  desc.dataset.i18nParams = JSON.stringify({ stops: stops.length, vehicles: vehicles.length, placed: vehicles.filter((v) => v.position).length });
  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`, class: 'area-map', id: 'area-map', role: 'img',
    'aria-labelledby': 'area-map-title', 'aria-describedby': 'area-map-desc', preserveAspectRatio: 'xMidYMid meet',
  }, title, desc);
  svg.dataset.i18nAttr = 'aria-label:dispatch.map_label';
  svg.append(s('rect', { x: 0, y: 0, width, height, class: 'map-bg' }));
  if (boundary.length >= 3) {
    svg.append(s('polygon', { class: 'map-boundary', points: boundary.map((p) => project(p).join(',')).join(' ') }));
  }
  // Routes under the stops and markers.
  vehicles.forEach((v, i) => {
    const line = [];
    if (v.position) line.push(project([v.position.lon, v.position.lat]));
    for (const step of v.stops || []) if (step.stop) line.push(project([step.stop.lon, step.stop.lat]));
    if (line.length >= 2) {
      svg.append(s('polyline', {
        class: 'map-route', points: line.map((p) => p.join(',')).join(' '), stroke: vehicleColour(i),
        'stroke-dasharray': DASHES[i % DASHES.length], 'data-vehicle': v.id,
      }));
    }
  });
  for (const st of stops) {
    const [x, y] = project([st.lon, st.lat]);
    svg.append(s('g', { class: 'map-stop', 'data-stop': st.id },
      s('circle', { cx: x, cy: y, r: 5 }),
      s('text', { x: x + 8, y: y + 4, class: 'map-label' }, st.code || String(st.id))));
  }
  vehicles.forEach((v, i) => {
    if (!v.position) return;
    const [x, y] = project([v.position.lon, v.position.lat]);
    svg.append(s('g', { class: ['map-vehicle', `vstatus-${v.status}`].join(' '), 'data-vehicle': v.id },
      s('rect', { x: x - 9, y: y - 9, width: 18, height: 18, rx: 3, fill: vehicleColour(i) }),
      s('text', { x: x + 12, y: y - 10, class: 'map-label map-vehicle-label' }, shortLabel(v, i))));
  });
  applyI18n(svg);
  return svg;
}
