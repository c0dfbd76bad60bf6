// Seoul wall-clock time by arithmetic on UTC+9 (Korea has kept one offset all year since 1988), never by reading a
// date back out of a locale-formatted string: what `Intl.DateTimeFormat(...).format()` prints depends on the ICU
// the browser carries (ICU 72 prints 'en-CA' dates as "11/24/2026", newer ICU as "2026-11-24"). Display text may
// use Intl; anything that is computed with, sent to the server or put in an <input> comes from here.
// Pure functions with no DOM, so the unit checks import them under Node.

const OFFSET_MS = 9 * 60 * 60 * 1000;
const pad = (n, w = 2) => String(n).padStart(w, '0');

/** The Seoul calendar fields of an instant (a Date, an RFC 3339 string or epoch ms), or null if it is invalid. */
export function seoulParts(instant = new Date()) {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms + OFFSET_MS);  // its UTC fields are Seoul's wall clock
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), weekday: d.getUTCDay(),
  };
}

/** "YYYY-MM-DD" of an instant in Seoul ('' if invalid). */
export function seoulDate(instant = new Date()) {
  const p = seoulParts(instant);
  return p ? `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}` : '';
}

/** "YYYY-MM" of an instant in Seoul ('' if invalid). */
export function seoulMonth(instant = new Date()) {
  return seoulDate(instant).slice(0, 7);
}

/** "HH:MM" (00–23) of an instant in Seoul ('' if invalid). */
export function seoulTime(instant) {
  const p = seoulParts(instant);
  return p ? `${pad(p.hour)}:${pad(p.minute)}` : '';
}

/** "YYYY-MM-DDTHH:MM" in Seoul, the value of a datetime-local input ('' for nothing or an invalid instant). */
export function toLocalInput(iso) {
  if (!iso) return '';
  const d = seoulDate(iso);
  return d ? `${d}T${seoulTime(iso)}` : '';
}

/** The instant a datetime-local value means in Seoul; anything else goes to the server as typed, to be refused. */
export function fromLocalInput(v) {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? `${v}:00+09:00` : v;
}

/** "YYYY-MM-DD" n days after a "YYYY-MM-DD" (calendar arithmetic in UTC, so no offset or DST can shift it). */
export function addDays(ymd, n) {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** "YYYY-MM" n months before a "YYYY-MM" (n may be negative). */
export function monthsBefore(ym, n) {
  const [y, m] = ym.split('-').map(Number);
  const total = y * 12 + (m - 1) - n;
  return `${pad(Math.floor(total / 12), 4)}-${pad((((total % 12) + 12) % 12) + 1)}`;
}
