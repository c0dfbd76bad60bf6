// Canonical competencies (NCS units and everyday skills) with their aliases, so that "엑셀", "Excel",
// "MS-Excel" and "스프레드시트" resolve to one id. Resolution normalises text first: ASCII case folded, and
// spaces, punctuation (ASCII and the CJK/middle dots, brackets) removed; a key, name_ko and name_en are
// aliases too. When two items claim the same normalised alias the first keeps it and the clash is listed in
// clashes() (a data problem to fix). Thread-safety: immutable after construction; share freely between
// threads.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "jobs/match/model.h"

namespace dongne::jobs::match {

class Vocabulary {
 public:
  struct Entry {
    std::string key;  // stable identifier, e.g. "spreadsheet"
    std::string name_ko;
    std::string name_en;
    std::string ncs_domain;  // code of a domain in domains()
    std::vector<std::string> aliases;
    std::vector<std::string> keco;  // occupation codes this competency is typical for
  };
  struct Domain {
    std::string code;
    std::string name_ko;
    std::string name_en;
  };

  Vocabulary() = default;
  // Fails (kInvalid) on an empty or duplicate key.
  static Result<Vocabulary> build(std::vector<Entry> entries, std::vector<Domain> domains = {});
  // The format of data/reference/competencies.json:
  // {"domains":[{"code","name_ko","name_en"}],
  // "items":[{"key","name_ko","name_en","ncs_domain","aliases":[..],"keco":[..]}]}
  static Result<Vocabulary> from_json(const nlohmann::json& j);
  // This vocabulary with more entries after its own (a centre's own terms): existing ids keep their meaning, and
  // an alias an existing entry holds stays with it (the clash is listed). Fails on an empty or duplicate key.
  Result<Vocabulary> extended(std::vector<Entry> more) const;

  std::optional<CompetencyId> resolve(std::string_view text) const;
  std::optional<CompetencyId> by_key(std::string_view key) const;
  const Entry& entry(CompetencyId id) const { return entries_.at(id); }
  std::size_t size() const { return entries_.size(); }
  const std::vector<Entry>& entries() const { return entries_; }
  const std::vector<Domain>& domains() const { return domains_; }
  const std::vector<std::string>& clashes() const { return clashes_; }

  // The normalised form used for matching (exposed for tests and for callers that cache).
  static std::string normalise(std::string_view text);

 private:
  std::vector<Entry> entries_;
  std::vector<Domain> domains_;
  std::unordered_map<std::string, CompetencyId> by_alias_;
  std::unordered_map<std::string, CompetencyId> by_key_;
  std::vector<std::string> clashes_;
};

// Which courses teach which competency, so a gap can point to a course that closes it.
// Thread-safety: immutable after construction.
class CourseCatalog {
 public:
  struct Course {
    std::int64_t course_id = 0;
    std::string name;
    std::vector<CompetencyId> teaches;
  };
  CourseCatalog() = default;
  explicit CourseCatalog(const std::vector<Course>& courses);
  // Courses teaching c, ordered by course id; empty when none.
  const std::vector<CourseLink>& teaching(CompetencyId c) const;

 private:
  std::unordered_map<CompetencyId, std::vector<CourseLink>> by_competency_;
};

}  // namespace dongne::jobs::match
