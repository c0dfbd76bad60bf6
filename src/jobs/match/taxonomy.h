// KECO (한국고용직업분류 2018) occupation codes as a tree, and how close two codes are.
// Codes are digit strings: "0" (대분류), "01" (중분류), "011" (소분류), "0111" (세분류); parents are stored
// explicitly. proximity(a, b): 1 for the same code; otherwise by the deepest common ancestor: 3-digit 0.8,
// 2-digit 0.6, 1-digit 0.3, none 0. A code that contains the other counts as that common ancestor ("02" vs
// "023" = 0.6). A code not in the tree hangs under its longest known prefix, so 4-digit codes work against a
// 3-digit table. Thread-safety: immutable after construction; share freely between threads.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace dongne::jobs::match {

class Taxonomy {
 public:
  struct Item {
    std::string code;
    std::string parent;  // "" for a top-level (1-digit) code
    std::string name_ko;
    std::string name_en;
  };

  Taxonomy() = default;
  // Fails (kInvalid) on an empty or duplicate code, or a parent that is not in the list.
  static Result<Taxonomy> build(std::vector<Item> items);
  // The format of data/reference/keco-2018.json: {"items":[{"code","name_ko","name_en","parent_code"}]}.
  static Result<Taxonomy> from_json(const nlohmann::json& j);

  bool known(std::string_view code) const;
  const Item* find(std::string_view code) const;
  // The parent of a code (known or not, see above); "" at the top or when nothing is known about it.
  std::string parent_of(std::string_view code) const;
  // The code and its ancestors, the code first (unknown codes: their known prefixes).
  std::vector<std::string> lineage(std::string_view code) const;
  // The ancestor of code with the given digit count (1..4), or "" when it has none at that level.
  std::string ancestor_at(std::string_view code, int digits) const;
  double proximity(std::string_view a, std::string_view b) const;
  // The digit count of the deepest common ancestor of a and b (4 or the code length when equal), 0 when none.
  int common_level(std::string_view a, std::string_view b) const;
  const std::vector<Item>& items() const { return items_; }
  // Proximity for a common level of n digits (n = 0..4; 4 and "equal" both mean 1).
  static double proximity_for_level(int digits, bool equal);

 private:
  // The lineage without allocating: views into the tree's codes (or into `code` for unknown ones), deepest
  // first.
  struct Chain {
    std::string_view codes[12];
    int n = 0;
  };
  Chain chain(std::string_view code) const;
  const Item* lookup(std::string_view code) const;

  std::vector<Item> items_;
  std::unordered_map<std::string, std::size_t> by_code_;
};

}  // namespace dongne::jobs::match
