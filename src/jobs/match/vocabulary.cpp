// Competency vocabulary (aliases, normalisation) and the course catalogue that closes gaps.
#include "jobs/match/vocabulary.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace dongne::jobs::match {

std::string Vocabulary::normalise(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      // ASCII: letters folded to lower case, digits kept, spaces and punctuation dropped ("MS-Excel" = "ms
      // excel").
      if (c >= 'A' && c <= 'Z') {
        out.push_back(static_cast<char>(c - 'A' + 'a'));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.push_back(static_cast<char>(c));
      } else if (c == '+' || c == '#') {
        out.push_back(static_cast<char>(c));  // "C++" and "C#" are not "C"
      }
      ++i;
      continue;
    }
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    len = std::min(len, text.size() - i);
    const std::string_view ch = text.substr(i, len);
    // Separators Korean text uses between words: middle dots (·, ㆍ, ・), the ideographic space, fullwidth
    // hyphen and slash, and corner brackets.
    static constexpr std::string_view kDrop[] = {
        "\xC2\xB7",     "\xE3\x86\x8D", "\xE3\x83\xBB", "\xE3\x80\x80", "\xEF\xBC\x8D", "\xEF\xBC\x8F",
        "\xE3\x80\x8C", "\xE3\x80\x8D", "\xE2\x80\xA7", "\xE2\x80\x93", "\xE2\x80\x94"};
    if (std::find(std::begin(kDrop), std::end(kDrop), ch) == std::end(kDrop)) out.append(ch);
    i += len;
  }
  return out;
}

Result<Vocabulary> Vocabulary::build(std::vector<Entry> entries, std::vector<Domain> domains) {
  Vocabulary v;
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string field = "items[" + std::to_string(i) + "].key";
    if (entries[i].key.empty()) {
      errors.push_back({field, "required", "키가 비어 있습니다", "empty key"});
    } else if (!v.by_key_.emplace(entries[i].key, static_cast<CompetencyId>(i)).second) {
      errors.push_back(
          {field, "duplicate", "중복된 키입니다: " + entries[i].key, "duplicate key " + entries[i].key});
    }
  }
  if (!errors.empty())
    return Error::invalid("역량 사전이 올바르지 않습니다", "invalid competency vocabulary", errors);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    std::vector<const std::string*> names = {&e.key, &e.name_ko, &e.name_en};
    for (const std::string& a : e.aliases) names.push_back(&a);
    for (const std::string* n : names) {
      std::string norm = normalise(*n);
      if (norm.empty()) continue;
      auto [it, inserted] = v.by_alias_.emplace(norm, static_cast<CompetencyId>(i));
      if (!inserted && it->second != i)
        v.clashes_.push_back(*n + " (" + entries[it->second].key + ", " + e.key + ")");
    }
  }
  v.entries_ = std::move(entries);
  v.domains_ = std::move(domains);
  return v;
}

Result<Vocabulary> Vocabulary::extended(std::vector<Entry> more) const {
  std::vector<Entry> all = entries_;
  all.insert(all.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  return build(std::move(all), domains_);
}

namespace {
std::string str(const nlohmann::json& o, const char* key) {
  return o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string();
}
std::vector<std::string> strs(const nlohmann::json& o, const char* key) {
  std::vector<std::string> out;
  if (o.contains(key) && o[key].is_array()) {
    for (const auto& x : o[key]) {
      if (x.is_string()) out.push_back(x.get<std::string>());
    }
  }
  return out;
}
}  // namespace

Result<Vocabulary> Vocabulary::from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("items") || !j["items"].is_array()) {
    return Error::field("items", "required", "items 배열이 필요합니다", "an items array is required");
  }
  std::vector<Domain> domains;
  if (j.contains("domains") && j["domains"].is_array()) {
    for (const auto& d : j["domains"]) {
      if (d.is_object()) domains.push_back({str(d, "code"), str(d, "name_ko"), str(d, "name_en")});
    }
  }
  std::vector<Entry> entries;
  for (const auto& e : j["items"]) {
    if (!e.is_object())
      return Error::field("items", "type", "항목은 객체여야 합니다", "each item must be an object");
    entries.push_back({str(e, "key"), str(e, "name_ko"), str(e, "name_en"), str(e, "ncs_domain"),
                       strs(e, "aliases"), strs(e, "keco")});
  }
  return build(std::move(entries), std::move(domains));
}

std::optional<CompetencyId> Vocabulary::resolve(std::string_view text) const {
  auto it = by_alias_.find(normalise(text));
  if (it == by_alias_.end()) return std::nullopt;
  return it->second;
}

std::optional<CompetencyId> Vocabulary::by_key(std::string_view key) const {
  auto it = by_key_.find(std::string(key));
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

CourseCatalog::CourseCatalog(const std::vector<Course>& courses) {
  for (const Course& c : courses) {
    for (CompetencyId t : c.teaches) {
      auto& list = by_competency_[t];
      CourseLink link{c.course_id, c.name};
      if (std::find(list.begin(), list.end(), link) == list.end()) list.push_back(std::move(link));
    }
  }
  for (auto& [id, list] : by_competency_) {
    std::sort(list.begin(), list.end(),
              [](const CourseLink& a, const CourseLink& b) { return a.course_id < b.course_id; });
  }
}

const std::vector<CourseLink>& CourseCatalog::teaching(CompetencyId c) const {
  static const std::vector<CourseLink> kNone;
  auto it = by_competency_.find(c);
  return it == by_competency_.end() ? kNone : it->second;
}

}  // namespace dongne::jobs::match
