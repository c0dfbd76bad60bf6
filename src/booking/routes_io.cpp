// Request readers and response writers for the booking routes (see routes.h).
#include "booking/routes.h"
#include "booking/rules_json.h"
#include "http/fields.h"

namespace dongne::booking::io {

using http::Fields;
using http::StrRule;

namespace {

std::optional<EpochMs> instant(Fields& f, const nlohmann::json& body, const std::string& name) {
  auto s = f.opt_str(name, StrRule{10, 40});
  if (!s) return std::nullopt;
  auto t = parse_rfc3339(*s);
  if (!t.ok()) {
    f.fail(name, "datetime", "RFC 3339 일시여야 합니다 (예: 2026-12-01T10:00:00+09:00)",
           "must be an RFC 3339 date-time, e.g. 2026-12-01T10:00:00+09:00");
    return std::nullopt;
  }
  (void)body;
  return t.value();
}

std::optional<YearMonth> year_month(const std::string& s) {
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
  }
  YearMonth ym{std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2))};
  if (ym.month < 1 || ym.month > 12 || ym.year < 1900) return std::nullopt;
  return ym;
}

}  // namespace

Result<BookingInput> booking_input(const nlohmann::json& body, std::vector<FieldError>*) {
  Fields f(body);
  BookingInput in;
  in.resource_id = f.i64("resource_id", 1, INT64_MAX);
  const bool timed = f.has("start") || f.has("end");
  if (timed) {
    if (auto s = instant(f, body, "start")) in.start = *s;
    else if (!f.has("start")) f.fail("start", "required", "시작 일시가 필요합니다", "start is required");
    if (auto e = instant(f, body, "end")) in.end = *e;
    else if (!f.has("end")) f.fail("end", "required", "끝 일시가 필요합니다", "end is required");
  } else if (f.has("variant_id") || f.has("pickup_date")) {
    in.variant_id = f.i64("variant_id", 1, INT64_MAX);
    auto p = f.opt_date("pickup_date", true);
    auto r = f.opt_date("return_date", true);
    if (p) in.pickup_date = parse_date(*p).ok() ? parse_date(*p).value() : LocalDate{};
    if (r) in.return_date = parse_date(*r).ok() ? parse_date(*r).value() : LocalDate{};
    in.quantity = static_cast<int>(f.opt_i64("quantity", 1, 100).value_or(1));
  } else {
    f.fail("start", "required", "시간(start, end) 또는 대여 품목(variant_id, pickup_date, return_date)이 필요합니다",
           "give start and end, or variant_id with pickup_date and return_date");
  }
  in.persons = static_cast<int>(f.opt_i64("persons", 1, 1000).value_or(1));
  if (f.has("member_ids")) {
    if (!body["member_ids"].is_array()) {
      f.fail("member_ids", "type", "구성원 번호 목록이어야 합니다", "must be a list of member ids");
    } else {
      for (const auto& m : body["member_ids"]) {
        if (m.is_number_integer() && m.get<int64_t>() > 0) in.member_ids.push_back(m.get<int64_t>());
        else f.fail("member_ids", "type", "구성원 번호 목록이어야 합니다", "must be a list of member ids");
      }
    }
  }
  in.child_member_id = f.opt_i64("child_member_id", 1, INT64_MAX);
  DONGNE_TRY(f.finish());
  return in;
}

Result<HouseholdRecord> household_input(const nlohmann::json& body, bool walk_in) {
  Fields f(body);
  HouseholdRecord h;
  h.household.city_code = f.str("city_code", StrRule{1, 20});
  h.household.district_code = f.opt_str("district_code", StrRule{0, 40}).value_or("");
  if (walk_in) {
    h.contact_name = f.str("contact_name", StrRule{1, 50});
    h.contact_phone = f.opt_phone("contact_phone");
  }
  if (f.has("members")) {
    if (!body["members"].is_array() || body["members"].size() > 20) {
      f.fail("members", "type", "구성원 목록(최대 20명)이어야 합니다", "must be a list of at most 20 members");
    } else {
      for (size_t i = 0; i < body["members"].size(); ++i) {
        const auto& mj = body["members"][i];
        const std::string p = "members[" + std::to_string(i) + "]";
        if (!mj.is_object()) {
          f.fail(p, "type", "객체여야 합니다", "must be an object");
          continue;
        }
        Fields mf(mj, p);
        MemberRecord m;
        m.id = mf.opt_i64("id", 1, INT64_MAX).value_or(0);
        m.label = mf.opt_str("label", StrRule{0, 40}).value_or("");
        m.is_child = mf.boolean("is_child", false);
        if (auto b = mf.opt_str("birth_month", StrRule{7, 7})) {
          m.birth = year_month(*b);
          if (!m.birth) mf.fail("birth_month", "format", "출생 연월은 YYYY-MM입니다", "birth month is YYYY-MM");
        }
        if (m.is_child && !m.birth) mf.fail("birth_month", "required", "자녀의 출생 연월이 필요합니다", "a child needs a birth month");
        if (mj.contains("birth_date")) {
          mf.fail("birth_date", "forbidden", "생년월일은 받지 않습니다. 출생 연월만 적어 주세요",
                  "full birth dates are never stored; give the birth month");
        }
        f.absorb(mf);
        h.members.push_back(m);
      }
    }
  }
  DONGNE_TRY(f.finish());
  return h;
}

Result<ResourceRecord> resource_input(const nlohmann::json& body, bool create) {
  Fields f(body);
  ResourceRecord r;
  if (create) {
    r.facility_id = f.i64("facility_id", 1, INT64_MAX);
    r.code = f.str("code", StrRule{2, 60});
    r.kind = f.one_of("kind", {"space", "studio", "item", "session", "event"});
    if (auto k = parse_kind(r.kind)) r.resource.kind = *k;
  }
  r.name_ko = f.str("name_ko", StrRule{1, 100});
  r.name_en = f.str("name_en", StrRule{1, 100});
  r.description_ko = f.opt_str("description_ko", StrRule{0, 2000, true}).value_or("");
  r.description_en = f.opt_str("description_en", StrRule{0, 2000, true}).value_or("");
  r.resource.capacity = static_cast<int>(f.opt_i64("capacity", 1, 100'000).value_or(1));
  if (auto mf = f.opt_i64("max_families", 1, 100'000)) r.resource.max_families = static_cast<int>(*mf);
  r.active = f.boolean("active", true);
  r.lottery_seed = f.opt_str("lottery_seed", StrRule{0, 200}).value_or("");
  std::vector<FieldError> nested;
  auto take = [&](const Status& s) {
    if (!s.ok()) nested.insert(nested.end(), s.error().fields.begin(), s.error().fields.end());
  };
  if (body.contains("rules")) {
    auto pr = rules_from_json(body["rules"]);
    take(to_status(pr));
    if (pr.ok()) {
      r.rules = pr->rules;
      r.offer_minutes = pr->offer_minutes;
    }
  } else {
    f.fail("rules", "required", "예약 규칙이 필요합니다", "rules are required");
  }
  if (body.contains("variants")) {
    auto v = variants_from_json(body["variants"]);
    take(to_status(v));
    if (v.ok()) r.resource.variants = v.value();
  }
  if (body.contains("occurrences")) {
    auto o = occurrences_from_json(body["occurrences"]);
    take(to_status(o));
    if (o.ok()) r.resource.occurrences = o.value();
  }
  for (const auto& e : nested) f.fail(e.field, e.code, e.message_ko, e.message_en);
  DONGNE_TRY(f.finish());
  return r;
}

nlohmann::json view_json(const BookingView& v) { return to_json(v.booking, &v.resource); }

http::Response placed_response(const Placed& p) {
  http::Response r;  // a replay answers exactly as the first time: the stored text
  r.status = 201;
  r.body = p.text;
  if (p.replayed) r.headers.emplace_back("Idempotent-Replayed", "true");
  return r;
}

}  // namespace dongne::booking::io
