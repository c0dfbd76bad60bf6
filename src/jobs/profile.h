// Reads, checks and normalises a seeker's profile and a vacancy's detail (JSON documents, see docs/jobs.md), and
// turns them into the matching engine's values. Every problem is collected with its field path and a Korean and
// English message: unknown KECO codes, competencies and places; a schedule that ends before it starts; a monthly
// wage sent as an hourly one or the reverse. Competencies given by alias ("엑셀") are stored by canonical key.
// Thread-safety: pure functions over the (immutable) reference data.
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "jobs/match/model.h"
#include "jobs/reference.h"

namespace dongne::jobs {

// A checked profile document (the stored form), or the field errors ("profile.<field>").
//   {"occupations":["023"], "competencies":["spreadsheet"], "certificates":["전산회계 1급"],
//    "work_history":[{"employer":"...", "occupation":"023", "from":"2012-03", "to":"2018-02"}],
//    "career_break_months": 60,
//    "availability":{"days":["mon",...], "start":"09:00", "end":"18:00"},
//    "childcare":{"leave_by":"16:00", "no_saturday":true, "note":"..."},
//    "home":{"lat":35.16,"lon":128.12} or {"address":"진주시 동진로 55 (상대동)"} or {"area":"jinju-sangdae"},
//    "home_area":"jinju-sangdae" (the older form of {"area"}), "max_commute_min":40,
//    "expected_wage":{"won":2200000, "unit":"monthly"}, "available_from":"2026-12-15", "languages":["ko","vi"]}
// today: no date in the work history may be after it. local: the seeker's centre's synonyms, tried before the
// vocabulary; a competency written in other words than its key or names is remembered in "competency_words"
// ({key: word}), so that an explanation can name the word that matched.
Result<nlohmann::json> check_profile(const nlohmann::json& in, const Reference& ref, LocalDate today,
                                     const Synonyms* local = nullptr);

// A checked vacancy detail: {"required":[...], "preferred":[...], "hours":{"days":[...], "start", "end"},
//   "wage":{"won", "unit"}, "workplace":{"lat", "lon", "address", "area"} (location.h), "languages":["ko"], "description":"..."}.
Result<nlohmann::json> check_vacancy_detail(const nlohmann::json& in, const Reference& ref);

// A competency as typed, resolved: the centre's synonym first (local may be null), then the vocabulary's keys,
// names and aliases. nullopt when unknown.
std::optional<std::string> competency_key(const std::string& text, const Reference& ref, const Synonyms* local);

// The engine's values (for a checked document; unknown parts are skipped). Neither starts in the past: a seeker
// available since a past date is available today; an open vacancy whose start has passed starts as soon as
// possible (today, marked asap).
match::Seeker to_seeker(int64_t id, const nlohmann::json& profile, const Reference& ref, LocalDate today);
match::Vacancy to_vacancy(int64_t id, const std::string& occupation, LocalDate start, int openings,
                          const nlohmann::json& detail, const Reference& ref, LocalDate today);

// The week a profile allows, with the childcare limits folded in (what the engine filters on).
match::Week availability_week(const nlohmann::json& profile);

// A wage's plausible range, or an error naming the mix-up: hourly 1,000..200,000 won, monthly 300,000..30,000,000.
Status check_wage(const std::string& field, int64_t won, const std::string& unit);

}  // namespace dongne::jobs
