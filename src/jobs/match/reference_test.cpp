// Taxonomy and Vocabulary: proximity levels, unknown codes, alias resolution, build errors, and the shipped
// files.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "jobs/match/taxonomy.h"
#include "jobs/match/vocabulary.h"

namespace dongne::jobs::match {
namespace {

Taxonomy small_keco() {
  auto t = Taxonomy::build({{"0", "", "", ""},
                            {"02", "0", "", ""},
                            {"023", "02", "", ""},
                            {"024", "02", "", ""},
                            {"0231", "023", "", ""},
                            {"03", "0", "", ""},
                            {"031", "03", "", ""},
                            {"5", "", "", ""},
                            {"53", "5", "", ""}});
  EXPECT_TRUE(t.ok());
  return std::move(t).value();
}

TEST(Taxonomy, ProximityLevels) {
  const Taxonomy t = small_keco();
  EXPECT_DOUBLE_EQ(t.proximity("0231", "0231"), 1.0);
  EXPECT_DOUBLE_EQ(t.proximity("0231", "0232"), 0.8);  // 0232 unknown: hangs under 023
  EXPECT_DOUBLE_EQ(t.proximity("023", "024"), 0.6);
  EXPECT_DOUBLE_EQ(t.proximity("023", "031"), 0.3);
  EXPECT_DOUBLE_EQ(t.proximity("023", "53"), 0.0);
  EXPECT_DOUBLE_EQ(t.proximity("02", "023"), 0.6);  // the broader code is the common ancestor
  EXPECT_DOUBLE_EQ(t.proximity("", "023"), 0.0);
  EXPECT_TRUE(t.known("023"));
  EXPECT_FALSE(t.known("0232"));
  EXPECT_EQ(t.parent_of("0232"), "023");
  EXPECT_EQ(t.ancestor_at("0231", 2), "02");
  EXPECT_EQ(t.lineage("0231"), (std::vector<std::string>{"0231", "023", "02", "0"}));
}

TEST(Taxonomy, EmptyTreeFallsBackToPrefixes) {
  const Taxonomy t;
  EXPECT_DOUBLE_EQ(t.proximity("0231", "0239"), 0.8);
  EXPECT_DOUBLE_EQ(t.proximity("0231", "0311"), 0.3);
  EXPECT_DOUBLE_EQ(t.proximity("0231", "5311"), 0.0);
}

TEST(Taxonomy, BuildErrors) {
  auto dup = Taxonomy::build({{"0", "", "", ""}, {"0", "", "", ""}});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().fields.at(0).code, "duplicate");
  auto orphan = Taxonomy::build({{"01", "9", "", ""}});
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().fields.at(0).code, "unknown");
  auto longer = Taxonomy::build({{"01", "", "", ""}, {"0", "01", "", ""}});
  ASSERT_FALSE(longer.ok());
  EXPECT_EQ(longer.error().fields.at(0).code, "level");
  EXPECT_FALSE(Taxonomy::from_json(nlohmann::json::array()).ok());
}

nlohmann::json read(const char* rel) {
  std::ifstream in(std::string(DONGNE_SOURCE_DIR) + "/" + rel);
  return nlohmann::json::parse(in);
}

TEST(Taxonomy, ShippedKecoLoads) {
  auto t = Taxonomy::from_json(read("data/reference/keco-2018.json"));
  ASSERT_TRUE(t.ok()) << t.error().message_en;
  EXPECT_GT(t->items().size(), 100u);
  EXPECT_TRUE(t->known("0"));
}

Vocabulary small_vocab() {
  auto v = Vocabulary::build({{"spreadsheet",
                               "스프레드시트 활용",
                               "Spreadsheets",
                               "02",
                               {"엑셀", "Excel", "MS Excel", "스프레드시트"},
                               {"026"}},
                              {"childcare", "영유아 보육", "Childcare", "07", {"보육", "아이 돌봄"}, {}},
                              {"cpp", "C++ 프로그래밍", "C++", "20", {"C++"}, {}},
                              {"c", "C 프로그래밍", "C", "20", {"C언어"}, {}},
                              {"care2", "돌봄", "Care", "07", {"아이돌봄"}, {}}});
  EXPECT_TRUE(v.ok());
  return std::move(v).value();
}

TEST(Vocabulary, AliasesMeet) {
  const Vocabulary v = small_vocab();
  const auto excel = v.resolve("엑셀");
  ASSERT_TRUE(excel.has_value());
  EXPECT_EQ(v.resolve("스프레드시트"), excel);
  EXPECT_EQ(v.resolve("Excel"), excel);
  EXPECT_EQ(v.resolve("MS-Excel"), excel);
  EXPECT_EQ(v.resolve("  ms_EXCEL "), excel);
  EXPECT_EQ(v.resolve("스프레드시트·활용"), excel);  // the name itself, with a middle dot
  EXPECT_EQ(v.resolve("spreadsheet"), excel);        // the key
  EXPECT_EQ(v.entry(*excel).key, "spreadsheet");
  EXPECT_NE(v.resolve("C++"), v.resolve("C"));
  EXPECT_FALSE(v.resolve("용접").has_value());
  EXPECT_FALSE(v.resolve("").has_value());
  EXPECT_EQ(v.by_key("childcare"), v.resolve("보육"));
}

TEST(Vocabulary, ClashesAreListedAndFirstWins) {
  const Vocabulary v = small_vocab();
  // "아이 돌봄" (childcare) and "아이돌봄" (care2) normalise alike.
  EXPECT_EQ(v.resolve("아이돌봄"), v.by_key("childcare"));
  ASSERT_EQ(v.clashes().size(), 1u);
  EXPECT_NE(v.clashes()[0].find("care2"), std::string::npos);
}

TEST(Vocabulary, DuplicateKeyIsAnError) {
  auto v = Vocabulary::build({{"a", "", "", "", {}, {}}, {"a", "", "", "", {}, {}}});
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().fields.at(0).field, "items[1].key");
}

TEST(Vocabulary, ShippedCompetenciesLoadAndExcelMeetsSpreadsheet) {
  auto v = Vocabulary::from_json(read("data/reference/competencies.json"));
  ASSERT_TRUE(v.ok()) << v.error().message_en;
  EXPECT_GT(v->size(), 100u);
  const auto excel = v->resolve("엑셀");
  ASSERT_TRUE(excel.has_value());
  EXPECT_EQ(v->resolve("스프레드시트"), excel);
  EXPECT_EQ(v->resolve("MS-Excel"), excel);
  EXPECT_FALSE(v->domains().empty());
}

TEST(CourseCatalog, TeachingIsByCompetencySortedAndDeduplicated) {
  const CourseCatalog cat({{7, "엑셀 실무", {0, 1}}, {3, "컴퓨터 활용", {0}}, {7, "엑셀 실무", {0}}});
  ASSERT_EQ(cat.teaching(0).size(), 2u);
  EXPECT_EQ(cat.teaching(0)[0].course_id, 3);
  EXPECT_EQ(cat.teaching(0)[1].course_id, 7);
  EXPECT_EQ(cat.teaching(1).size(), 1u);
  EXPECT_TRUE(cat.teaching(9).empty());
}

}  // namespace
}  // namespace dongne::jobs::match
