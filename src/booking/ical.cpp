#include "booking/ical.h"

namespace dongne::booking {
namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ';' || c == ',') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out.push_back(c);
    }
  }
  return out;
}

// Folds a content line at 75 octets without splitting a UTF-8 sequence.
void line(std::string& out, const std::string& text) {
  size_t pos = 0;
  bool first = true;
  while (pos < text.size()) {
    size_t limit = first ? 75 : 74;
    size_t n = std::min(limit, text.size() - pos);
    while (n > 0 && pos + n < text.size() && (static_cast<unsigned char>(text[pos + n]) & 0xC0) == 0x80) --n;
    if (!first) out += " ";
    out.append(text, pos, n);
    out += "\r\n";
    pos += n;
    first = false;
  }
  if (text.empty()) out += "\r\n";
}

std::string utc(EpochMs t) {
  const std::int64_t secs = t / 1000;
  const std::int64_t days = secs / 86400;
  const LocalDate d = civil_from_days(days);
  const int sod = static_cast<int>(secs % 86400);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", d.year, d.month, d.day, sod / 3600, (sod / 60) % 60, sod % 60);
  return buf;
}

std::string ymd(LocalDate d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
  return buf;
}

}  // namespace

std::string ical_calendar(const std::vector<BookingView>& bookings, EpochMs now, const std::string& name) {
  std::string out;
  line(out, "BEGIN:VCALENDAR");
  line(out, "VERSION:2.0");
  line(out, "PRODID:-//dongne//booking//KO");
  line(out, "CALSCALE:GREGORIAN");
  line(out, "METHOD:PUBLISH");
  line(out, "X-WR-CALNAME:" + escape(name));
  line(out, "X-WR-TIMEZONE:Asia/Seoul");
  for (const auto& v : bookings) {
    const auto& r = v.booking;
    const std::string& s = r.status;
    const bool shown = s == "pending" || s == "confirmed" || s == "checked_in" || s == "offered" || s == "cancelled" ||
                       s == "cancelled_late" || s == "no_show";
    if (!shown) continue;
    line(out, "BEGIN:VEVENT");
    line(out, "UID:booking-" + std::to_string(r.booking.id) + "@dongne");
    line(out, "DTSTAMP:" + utc(now));
    line(out, "LAST-MODIFIED:" + utc(r.updated_at));
    std::string summary = v.resource.name_ko;
    if (r.booking.variant_id) {
      for (const auto& var : v.resource.resource.variants) {
        if (var.id == *r.booking.variant_id) summary += " (" + var.label + ")";
      }
      line(out, "DTSTART;VALUE=DATE:" + ymd(r.booking.pickup_date));
      line(out, "DTEND;VALUE=DATE:" + ymd(add_days(r.booking.return_date, 1)));
    } else {
      line(out, "DTSTART:" + utc(r.booking.span.start));
      line(out, "DTEND:" + utc(r.booking.span.end));
    }
    line(out, "SUMMARY:" + escape(summary));
    line(out, "DESCRIPTION:" + escape(v.resource.name_en + " — " + s));
    const bool cancelled = s == "cancelled" || s == "cancelled_late";
    line(out, std::string("STATUS:") + (cancelled ? "CANCELLED" : (s == "pending" || s == "offered") ? "TENTATIVE" : "CONFIRMED"));
    if (!cancelled) {
      line(out, "BEGIN:VALARM");
      line(out, "ACTION:DISPLAY");
      line(out, "DESCRIPTION:" + escape(summary));
      line(out, "TRIGGER:-P1D");
      line(out, "END:VALARM");
    }
    line(out, "END:VEVENT");
  }
  line(out, "END:VCALENDAR");
  return out;
}

}  // namespace dongne::booking
