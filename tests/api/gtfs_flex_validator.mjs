// A GTFS Schedule + GTFS-Flex v2 validator for the feeds dongne publishes, written from the GTFS reference
// (https://gtfs.org/documentation/schedule/reference/, Flex merged in 2024) independently of the C++ exporter:
// the zip and CSV framing, required files and fields, unique ids, every foreign key, value ranges, and the Flex
// rules on stop_times windows, pickup/drop-off types and booking rules. validate(zipBytes) -> list of errors
// ("file: message"); empty when the feed is valid. (MobilityData's canonical validator is a Java jar outside Debian
// and npm; this covers the rules that apply to the files dongne writes.)
import { inflateRawSync } from 'node:zlib';

export function unzip(buf) {
  const files = new Map();
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0 && i >= buf.length - 65557; i--) if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('zip central directory is corrupt');
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28), extraLen = buf.readUInt16LE(p + 30), commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + size);  // size: the compressed size
    files.set(name, method === 8 ? inflateRawSync(raw) : method === 0 ? raw : (() => { throw new Error(`${name}: compression ${method}`); })());
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

export function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false, i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const TIME = /^\d{1,2}:[0-5]\d:[0-5]\d$/;
const DATE = /^(\d{4})(\d{2})(\d{2})$/;
const seconds = (t) => t.split(':').reduce((a, x) => a * 60 + Number(x), 0);
const validUrl = (u) => { try { return ['http:', 'https:'].includes(new URL(u).protocol); } catch { return false; } };
const validDate = (d) => { const m = DATE.exec(d); if (!m) return false; const x = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])); return x.getUTCDate() === +m[3]; };
const validTz = (tz) => { try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; } };
const ROUTE_TYPES = new Set([0, 1, 2, 3, 4, 5, 6, 7, 11, 12]);

export function validate(zipBytes) {
  const errors = [];
  const err = (file, msg) => errors.push(`${file}: ${msg}`);
  let files;
  try { files = unzip(zipBytes); } catch (e) { return [`zip: ${e.message}`]; }
  const tables = {};
  for (const [name, bytes] of files) {
    if (!name.endsWith('.txt')) continue;
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    let rows;
    try { rows = parseCsv(text); } catch (e) { err(name, e.message); continue; }
    const [header = [], ...body] = rows.filter((r) => !(r.length === 1 && r[0] === ''));
    if (new Set(header).size !== header.length) err(name, 'duplicate column names');
    const records = [];
    body.forEach((r, k) => {
      if (r.length !== header.length) err(name, `row ${k + 2} has ${r.length} fields, the header ${header.length}`);
      records.push(Object.fromEntries(header.map((h, j) => [h, (r[j] ?? '').trim()])));
    });
    tables[name.slice(0, -4)] = { header, records };
  }
  const t = (n) => tables[n]?.records || [];
  const has = (n) => n in tables;
  for (const f of ['agency', 'routes', 'trips', 'stop_times']) if (!has(f)) err(`${f}.txt`, 'required file is missing');
  if (!has('calendar') && !has('calendar_dates')) err('calendar.txt', 'calendar.txt or calendar_dates.txt is required');
  if (!has('stops') && !has('location_groups')) err('stops.txt', 'required file is missing');
  if (has('translations') && !has('feed_info')) err('feed_info.txt', 'required when translations.txt is present');
  const required = (file, rec, k, fields) => { for (const f of fields) if (!rec[f]) err(`${file}.txt`, `row ${k + 2}: ${f} is required`); };
  const ids = (file, key) => {
    const set = new Set();
    t(file).forEach((r, k) => { if (r[key] && set.has(r[key])) err(`${file}.txt`, `row ${k + 2}: duplicate ${key} ${r[key]}`); set.add(r[key]); });
    return set;
  };

  const agencies = ids('agency', 'agency_id');
  t('agency').forEach((a, k) => {
    required('agency', a, k, ['agency_name', 'agency_url', 'agency_timezone']);
    if (t('agency').length > 1 && !a.agency_id) err('agency.txt', `row ${k + 2}: agency_id is required with several agencies`);
    if (a.agency_url && !validUrl(a.agency_url)) err('agency.txt', `row ${k + 2}: agency_url is not a URL`);
    if (a.agency_timezone && !validTz(a.agency_timezone)) err('agency.txt', `row ${k + 2}: unknown timezone ${a.agency_timezone}`);
  });
  const stops = ids('stops', 'stop_id');
  t('stops').forEach((s, k) => {
    required('stops', s, k, ['stop_id']);
    if (!s.location_type || s.location_type === '0') required('stops', s, k, ['stop_name', 'stop_lat', 'stop_lon']);
    if (s.stop_lat && !(Math.abs(+s.stop_lat) <= 90)) err('stops.txt', `row ${k + 2}: stop_lat out of range`);
    if (s.stop_lon && !(Math.abs(+s.stop_lon) <= 180)) err('stops.txt', `row ${k + 2}: stop_lon out of range`);
  });
  const groups = ids('location_groups', 'location_group_id');
  for (const g of groups) if (stops.has(g)) err('location_groups.txt', `location_group_id ${g} is also a stop_id`);
  t('location_group_stops').forEach((m, k) => {
    if (!groups.has(m.location_group_id)) err('location_group_stops.txt', `row ${k + 2}: unknown location_group_id ${m.location_group_id}`);
    if (!stops.has(m.stop_id)) err('location_group_stops.txt', `row ${k + 2}: unknown stop_id ${m.stop_id}`);
  });
  const routes = ids('routes', 'route_id');
  t('routes').forEach((r, k) => {
    required('routes', r, k, ['route_id', 'route_type']);
    if (!r.route_short_name && !r.route_long_name) err('routes.txt', `row ${k + 2}: route_short_name or route_long_name is required`);
    if (r.agency_id && !agencies.has(r.agency_id)) err('routes.txt', `row ${k + 2}: unknown agency_id ${r.agency_id}`);
    const rt = Number(r.route_type);
    if (!(ROUTE_TYPES.has(rt) || (rt >= 100 && rt <= 1702))) err('routes.txt', `row ${k + 2}: invalid route_type ${r.route_type}`);
  });
  const services = new Set();
  t('calendar').forEach((c, k) => {
    required('calendar', c, k, ['service_id', 'start_date', 'end_date']);
    for (const d of ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])
      if (c[d] !== '0' && c[d] !== '1') err('calendar.txt', `row ${k + 2}: ${d} must be 0 or 1`);
    if (!validDate(c.start_date) || !validDate(c.end_date)) err('calendar.txt', `row ${k + 2}: dates must be YYYYMMDD`);
    else if (c.start_date > c.end_date) err('calendar.txt', `row ${k + 2}: start_date after end_date`);
    services.add(c.service_id);
  });
  t('calendar_dates').forEach((c) => services.add(c.service_id));
  const trips = ids('trips', 'trip_id');
  t('trips').forEach((x, k) => {
    required('trips', x, k, ['route_id', 'service_id', 'trip_id']);
    if (!routes.has(x.route_id)) err('trips.txt', `row ${k + 2}: unknown route_id ${x.route_id}`);
    if (!services.has(x.service_id)) err('trips.txt', `row ${k + 2}: unknown service_id ${x.service_id}`);
  });
  const rules = ids('booking_rules', 'booking_rule_id');
  t('booking_rules').forEach((b, k) => {
    const row = `row ${k + 2}`;
    required('booking_rules', b, k, ['booking_rule_id', 'booking_type']);
    const type = b.booking_type;
    if (!['0', '1', '2'].includes(type)) err('booking_rules.txt', `${row}: booking_type must be 0, 1 or 2`);
    if (type === '0' && (b.prior_notice_duration_min || b.prior_notice_duration_max || b.prior_notice_last_day))
      err('booking_rules.txt', `${row}: prior notice fields are forbidden for real-time booking`);
    if (type === '1') {
      if (!/^\d+$/.test(b.prior_notice_duration_min || '')) err('booking_rules.txt', `${row}: prior_notice_duration_min is required for booking_type 1`);
      if (b.prior_notice_last_day || b.prior_notice_last_time) err('booking_rules.txt', `${row}: prior_notice_last_day/time are forbidden for booking_type 1`);
      if (b.prior_notice_duration_max && Number(b.prior_notice_duration_max) < Number(b.prior_notice_duration_min))
        err('booking_rules.txt', `${row}: prior_notice_duration_max below prior_notice_duration_min`);
    }
    if (type === '2' && (!b.prior_notice_last_day || b.prior_notice_duration_min || b.prior_notice_duration_max))
      err('booking_rules.txt', `${row}: booking_type 2 needs prior_notice_last_day and no durations`);
    for (const u of ['info_url', 'booking_url']) if (b[u] && !validUrl(b[u])) err('booking_rules.txt', `${row}: ${u} is not a URL`);
  });
  const lastSeq = new Map();
  t('stop_times').forEach((s, k) => {
    const row = `row ${k + 2}`;
    required('stop_times', s, k, ['trip_id', 'stop_sequence']);
    if (!trips.has(s.trip_id)) err('stop_times.txt', `${row}: unknown trip_id ${s.trip_id}`);
    const where = ['stop_id', 'location_group_id', 'location_id'].filter((f) => s[f]);
    if (where.length !== 1) err('stop_times.txt', `${row}: exactly one of stop_id, location_group_id, location_id is required`);
    if (s.stop_id && !stops.has(s.stop_id)) err('stop_times.txt', `${row}: unknown stop_id ${s.stop_id}`);
    if (s.location_group_id && !groups.has(s.location_group_id)) err('stop_times.txt', `${row}: unknown location_group_id ${s.location_group_id}`);
    if (!/^\d+$/.test(s.stop_sequence)) err('stop_times.txt', `${row}: stop_sequence must be a non-negative integer`);
    else {
      if (lastSeq.has(s.trip_id) && Number(s.stop_sequence) <= lastSeq.get(s.trip_id)) err('stop_times.txt', `${row}: stop_sequence must increase along a trip`);
      lastSeq.set(s.trip_id, Number(s.stop_sequence));
    }
    const windowed = s.start_pickup_drop_off_window || s.end_pickup_drop_off_window;
    if (windowed) {
      if (!s.start_pickup_drop_off_window || !s.end_pickup_drop_off_window) err('stop_times.txt', `${row}: both window ends are required`);
      else if (!TIME.test(s.start_pickup_drop_off_window) || !TIME.test(s.end_pickup_drop_off_window)) err('stop_times.txt', `${row}: window times must be HH:MM:SS`);
      else if (seconds(s.start_pickup_drop_off_window) >= seconds(s.end_pickup_drop_off_window)) err('stop_times.txt', `${row}: the window must start before it ends`);
      if (s.arrival_time || s.departure_time) err('stop_times.txt', `${row}: arrival/departure times are forbidden with a window`);
      if (s.pickup_type === '0' || s.pickup_type === '3') err('stop_times.txt', `${row}: pickup_type ${s.pickup_type} is forbidden with a window`);
      if (s.drop_off_type === '0') err('stop_times.txt', `${row}: drop_off_type 0 is forbidden with a window`);
      if (s.continuous_pickup || s.continuous_drop_off) err('stop_times.txt', `${row}: continuous stopping is forbidden with a window`);
    } else if (s.location_group_id || s.location_id) err('stop_times.txt', `${row}: a window is required at a location group or zone`);
    for (const f of ['pickup_booking_rule_id', 'drop_off_booking_rule_id'])
      if (s[f] && !rules.has(s[f])) err('stop_times.txt', `${row}: unknown ${f} ${s[f]}`);
    if (s.pickup_type === '2' && !s.pickup_booking_rule_id) err('stop_times.txt', `${row}: a pickup to be booked needs pickup_booking_rule_id`);
    if (s.drop_off_type === '2' && !s.drop_off_booking_rule_id) err('stop_times.txt', `${row}: a drop-off to be booked needs drop_off_booking_rule_id`);
  });
  for (const trip of trips) if (t('stop_times').filter((s) => s.trip_id === trip).length < 2) err('stop_times.txt', `trip ${trip} has fewer than two stop_times`);
  t('feed_info').forEach((f, k) => {
    required('feed_info', f, k, ['feed_publisher_name', 'feed_publisher_url', 'feed_lang']);
    if (f.feed_publisher_url && !validUrl(f.feed_publisher_url)) err('feed_info.txt', `row ${k + 2}: feed_publisher_url is not a URL`);
  });
  const keyOf = { stops: 'stop_id', routes: 'route_id', trips: 'trip_id', agency: 'agency_id', booking_rules: 'booking_rule_id',
    location_groups: 'location_group_id' };
  t('translations').forEach((x, k) => {
    required('translations', x, k, ['table_name', 'field_name', 'language', 'translation']);
    const table = tables[x.table_name];
    if (!table) return err('translations.txt', `row ${k + 2}: unknown table_name ${x.table_name}`);
    if (!table.header.includes(x.field_name)) err('translations.txt', `row ${k + 2}: ${x.table_name} has no field ${x.field_name}`);
    if (x.record_id && !table.records.some((r) => r[keyOf[x.table_name]] === x.record_id))
      err('translations.txt', `row ${k + 2}: no ${x.table_name} record ${x.record_id}`);
  });
  return errors;
}
