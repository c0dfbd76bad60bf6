// KECO tree: building it from a list or from the reference JSON, lineages, and proximity by common ancestor.
#include "jobs/match/taxonomy.h"

#include <nlohmann/json.hpp>

namespace dongne::jobs::match {

Result<Taxonomy> Taxonomy::build(std::vector<Item> items) {
  Taxonomy t;
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string field = "items[" + std::to_string(i) + "].code";
    if (items[i].code.empty()) {
      errors.push_back({field, "required", "코드가 비어 있습니다", "empty code"});
    } else if (!t.by_code_.emplace(items[i].code, i).second) {
      errors.push_back(
          {field, "duplicate", "중복된 코드입니다: " + items[i].code, "duplicate code " + items[i].code});
    }
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    if (it.parent.empty()) continue;
    const std::string field = "items[" + std::to_string(i) + "].parent_code";
    if (!t.by_code_.contains(it.parent)) {
      errors.push_back(
          {field, "unknown", "상위 코드가 없습니다: " + it.parent, "unknown parent " + it.parent});
    } else if (it.parent.size() >= it.code.size()) {
      // Levels are digit counts, so a parent is always shorter; this also rules out cycles.
      errors.push_back({field, "level", "상위 코드가 더 짧아야 합니다", "a parent code must be shorter"});
    }
  }
  if (!errors.empty())
    return Error::invalid("직업분류가 올바르지 않습니다", "invalid occupation codes", errors);
  t.items_ = std::move(items);
  return t;
}

Result<Taxonomy> Taxonomy::from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("items") || !j["items"].is_array()) {
    return Error::field("items", "required", "items 배열이 필요합니다", "an items array is required");
  }
  std::vector<Item> items;
  for (const auto& e : j["items"]) {
    if (!e.is_object() || !e.contains("code") || !e["code"].is_string()) {
      return Error::field("items", "type", "코드가 문자열이어야 합니다", "each item needs a string code");
    }
    Item it;
    it.code = e["code"].get<std::string>();
    if (e.contains("parent_code") && e["parent_code"].is_string())
      it.parent = e["parent_code"].get<std::string>();
    if (e.contains("name_ko") && e["name_ko"].is_string()) it.name_ko = e["name_ko"].get<std::string>();
    if (e.contains("name_en") && e["name_en"].is_string()) it.name_en = e["name_en"].get<std::string>();
    items.push_back(std::move(it));
  }
  return build(std::move(items));
}

const Taxonomy::Item* Taxonomy::lookup(std::string_view code) const {
  if (by_code_.empty()) return nullptr;
  auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? nullptr : &items_[it->second];
}

bool Taxonomy::known(std::string_view code) const { return lookup(code) != nullptr; }

const Taxonomy::Item* Taxonomy::find(std::string_view code) const { return lookup(code); }

Taxonomy::Chain Taxonomy::chain(std::string_view code) const {
  Chain out;
  if (code.empty()) return out;
  const Item* cur = lookup(code);
  if (cur == nullptr) {
    // Unknown: hang it under its longest known prefix; with nothing known, its prefixes stand in for the
    // tree.
    out.codes[out.n++] = code;
    for (std::size_t n = code.size() - 1; n >= 1 && cur == nullptr; --n) {
      cur = lookup(code.substr(0, n));
      if (cur == nullptr && out.n < 12) out.codes[out.n++] = code.substr(0, n);
    }
    if (cur == nullptr) return out;
    out.n = 1;  // a known prefix exists: the tree, not the bare prefixes, gives the ancestors
  }
  while (cur != nullptr && out.n < 12) {
    out.codes[out.n++] = cur->code;
    cur = cur->parent.empty() ? nullptr : lookup(cur->parent);
  }
  return out;
}

std::vector<std::string> Taxonomy::lineage(std::string_view code) const {
  const Chain c = chain(code);
  return std::vector<std::string>(c.codes, c.codes + c.n);
}

std::string Taxonomy::parent_of(std::string_view code) const {
  auto l = lineage(code);
  return l.size() >= 2 ? l[1] : std::string();
}

std::string Taxonomy::ancestor_at(std::string_view code, int digits) const {
  for (const std::string& c : lineage(code)) {
    if (static_cast<int>(c.size()) == digits) return c;
  }
  return {};
}

int Taxonomy::common_level(std::string_view a, std::string_view b) const {
  if (a.empty() || b.empty()) return 0;
  if (a == b) return static_cast<int>(a.size());
  const Chain la = chain(a);
  const Chain lb = chain(b);
  for (int i = 0; i < la.n; ++i) {  // deepest first, so the first shared one is the deepest
    for (int j = 0; j < lb.n; ++j) {
      if (la.codes[i] == lb.codes[j]) return static_cast<int>(la.codes[i].size());
    }
  }
  return 0;
}

double Taxonomy::proximity_for_level(int digits, bool equal) {
  if (equal || digits >= 4) return 1.0;
  switch (digits) {
    case 3:
      return 0.8;
    case 2:
      return 0.6;
    case 1:
      return 0.3;
    default:
      return 0.0;
  }
}

double Taxonomy::proximity(std::string_view a, std::string_view b) const {
  if (a.empty() || b.empty()) return 0.0;
  return proximity_for_level(common_level(a, b), a == b);
}

}  // namespace dongne::jobs::match
