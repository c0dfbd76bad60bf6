#include "core/json_writer.h"

#include <gtest/gtest.h>

#include <random>

#include <nlohmann/json.hpp>

namespace dongne {
namespace {

TEST(JsonWriter, WritesNestedValuesWithCommas) {
  JsonWriter w;
  w.begin_object()
      .field("a", int64_t{-12})
      .field("b", "x")
      .key("c")
      .begin_array()
      .number(1)
      .null()
      .boolean(true)
      .begin_object()
      .end_object()
      .end_array()
      .key("d")
      .raw(R"({"e":[]})")
      .end_object();
  EXPECT_EQ(w.text(), R"({"a":-12,"b":"x","c":[1,null,true,{}],"d":{"e":[]}})");
}

// For valid UTF-8 text the output is byte for byte what nlohmann::json::dump writes (the API's other answers).
TEST(JsonWriter, EscapesLikeNlohmannForValidText) {
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {"a", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", std::string(1, '\0'),
                                           "\x01", "\x1f", "\x7f", "가", "동네", "😀", "é", " "};
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    const int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
    JsonWriter w;
    w.begin_object().field("k" + std::to_string(round % 3), s).end_object();
    nlohmann::json j = {{"k" + std::to_string(round % 3), s}};
    ASSERT_EQ(w.text(), j.dump()) << "round " << round;
  }
}

TEST(JsonWriter, ReplacesInvalidUtf8SoTheOutputStaysValid) {
  for (std::string bad : {std::string("\xff"), std::string("a\xc3"), std::string("\xed\xa0\x80"),
                          std::string("\xc0\xaf"), std::string("\xf4\x90\x80\x80"), std::string("\xe2\x82")}) {
    JsonWriter w;
    w.string(bad);
    auto parsed = nlohmann::json::parse(w.text(), nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << w.text();
    EXPECT_NE(w.text().find("\xEF\xBF\xBD"), std::string::npos);
  }
}

}  // namespace
}  // namespace dongne
