// One pair: hard constraints with their reasons, wage conversion, factor models, explanation shares, gaps,
// weights.
#include "jobs/match/score.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "jobs/match/fixtures.h"

namespace dongne::jobs::match {
namespace {

using testing::every_day;

struct PairTest : ::testing::Test {
  Taxonomy tax = testing::keco();
  Vocabulary voc = testing::vocab();
  CourseCatalog cat = testing::catalog();
  Seeker s;
  Vacancy v;
  void SetUp() override {
    s.id = 1;
    s.occupations = {"023"};
    s.competencies = {0, 4};
    s.available = every_day(540, 1080);
    s.home = {37.40, 126.70};
    s.max_commute_min = 60;
    s.available_from = {2027, 1, 4};
    s.languages = {"ko"};
    v.id = 9;
    v.occupation = "023";
    v.required = {0, 2};
    v.preferred = {4, 5};
    v.hours = every_day(540, 1080);
    v.wage = {2'500'000, WageUnit::kMonthly};
    v.workplace = {37.45, 126.72};
    v.start = {2027, 1, 4};
  }
  Verdict run(const Weights& w = {}) { return explain(s, v, tax, voc, cat, w); }
};

TEST_F(PairTest, ChildcareLimitAt16NeverSeesAnEighteenOClockVacancy) {
  s.available = every_day(540, 960);  // must leave by 16:00
  const Verdict out = run();
  EXPECT_FALSE(out.eligible);
  EXPECT_EQ(out.reason_code, "schedule");
  EXPECT_FALSE(out.match.has_value());
  EXPECT_NE(out.reason_ko.find("월 09:00–18:00"), std::string::npos) << out.reason_ko;
  v.hours = every_day(600, 960);  // 10-16 fits exactly: [start, end) windows
  EXPECT_TRUE(run().eligible);
}

TEST_F(PairTest, NoSaturdaysNeverSeesASaturdayShift) {
  v.hours[5] = {540, 780};
  EXPECT_EQ(run().reason_code, "schedule");
  s.available[5] = {480, 1200};
  EXPECT_TRUE(run().eligible);
}

TEST_F(PairTest, CommuteLanguageAndOccupationFilters) {
  v.workplace = {37.80, 126.70};  // ~44 km: 10 + 44 x 2.5 = 121 min
  EXPECT_EQ(run().reason_code, "commute");
  v.workplace = {37.45, 126.72};
  v.languages = {"VI"};
  EXPECT_EQ(run().reason_code, "language");
  s.languages.push_back("vi");
  EXPECT_TRUE(run().eligible);
  v.occupation = "531";
  EXPECT_EQ(run().reason_code, "occupation");
  s.occupations.clear();  // open to anything: no occupation filter, neutral score
  const Verdict open = run();
  ASSERT_TRUE(open.eligible);
  EXPECT_DOUBLE_EQ(open.match->factors[0].score, Params{}.occupation_open_score);
}

TEST(Wage, MonthlyAgainstHourly) {
  EXPECT_DOUBLE_EQ(monthly_paid_hours(40 * 60), 209.0);
  EXPECT_DOUBLE_EQ(monthly_paid_hours(20 * 60), 24 * 4.345);  // 20 h + 4 h 주휴
  EXPECT_DOUBLE_EQ(monthly_paid_hours(10 * 60), 10 * 4.345);  // under 15 h: no 주휴
  // 2,090,000 won a month for 40 h = 10,000 won an hour.
  EXPECT_DOUBLE_EQ(hourly_equivalent({2'090'000, WageUnit::kMonthly}, 2400), 10000.0);
  EXPECT_DOUBLE_EQ(hourly_equivalent({12'000, WageUnit::kHourly}, 600), 12000.0);
  const Params p;
  EXPECT_DOUBLE_EQ(detail::wage_score(10000, 10000, p), 1.0);
  EXPECT_DOUBLE_EQ(detail::wage_score(12000, 10000, p), 1.0);
  EXPECT_NEAR(detail::wage_score(8500, 10000, p), 0.5, 1e-12);  // 15% below, falloff 30%
  EXPECT_DOUBLE_EQ(detail::wage_score(6000, 10000, p), 0.0);
}

TEST_F(PairTest, MonthlyWageVersusHourlyExpectation) {
  v.wage = {2'090'000, WageUnit::kMonthly};  // 10,000 an hour at 45 h a week (>= 40 h: 209 h)
  s.expected = Wage{10'000, WageUnit::kHourly};
  EXPECT_DOUBLE_EQ(run().match->factors[4].score, 1.0);
  s.expected = Wage{11'765, WageUnit::kHourly};  // 15% more than offered
  EXPECT_NEAR(run().match->factors[4].score, 0.5, 1e-3);
  s.expected = Wage{2'090'000, WageUnit::kMonthly};  // a monthly expectation reads for the same hours
  EXPECT_DOUBLE_EQ(run().match->factors[4].score, 1.0);
  EXPECT_NE(run().match->factors[4].detail_ko.find("10,000원"), std::string::npos);
}

TEST_F(PairTest, SharesSumToOneAndWeightedScoresToTheScore) {
  Weights w{3, 2, 1, 1, 1, 0};
  const Verdict out = run(w);
  ASSERT_TRUE(out.eligible);
  const Match& m = *out.match;
  ASSERT_EQ(m.factors.size(), 6u);
  double sum = 0, shares = 0, weights = 0;
  for (const Factor& f : m.factors) {
    sum += f.weight * f.score;
    shares += f.share;
    weights += f.weight;
    EXPECT_GE(f.score, 0.0);
    EXPECT_LE(f.score, 1.0);
    EXPECT_NEAR(f.share, f.weight * f.score / m.score, 1e-12);
  }
  EXPECT_NEAR(sum, m.score, 1e-12);
  EXPECT_NEAR(shares, 1.0, 1e-12);
  EXPECT_NEAR(weights, 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(m.factors[0].weight, 3.0 / 8);
  EXPECT_EQ(m.factors[5].name, "start");
  EXPECT_DOUBLE_EQ(m.factors[5].share, 0.0);
}

TEST_F(PairTest, FactorModels) {
  const Match m = *run().match;
  EXPECT_DOUBLE_EQ(m.factors[0].score, 1.0);
  EXPECT_EQ(m.factors[0].detail_ko, "희망 직종과 같은 직종(023)");
  // has required 0 of {0, 2} and preferred 4 of {4, 5}: (2 x 1 + 1) / (2 x 2 + 2)
  EXPECT_DOUBLE_EQ(m.factors[1].score, 3.0 / 6);
  EXPECT_DOUBLE_EQ(m.factors[2].score, 1.0);  // uses all her hours
  const double minutes = commute_minutes(s.home, v.workplace, Params{});
  EXPECT_NEAR(m.factors[3].score, (60 - minutes) / 50, 1e-12);
  EXPECT_NE(m.factors[3].detail_ko.find("(한도 60분)"), std::string::npos);
  EXPECT_DOUBLE_EQ(m.factors[5].score, 1.0);

  s.occupations = {"112", "024"};  // second wish, same 2-digit group: 0.6 x 0.95
  const Match m2 = *run().match;
  EXPECT_NEAR(m2.factors[0].score, 0.6 * 0.95, 1e-12);
  EXPECT_EQ(m2.factors[0].detail_ko, "2순위 희망 직종과 같은 중분류(02)");
  s.occupations = {"024"};
  v.hours = every_day(600, 900);    // 25 h of her 45
  s.available_from = {2027, 3, 5};  // the employer waits 60 days: 0 at 60
  const Match m3 = *run().match;
  EXPECT_NEAR(m3.factors[2].score, 25.0 / 45, 1e-12);
  EXPECT_DOUBLE_EQ(m3.factors[5].score, 0.0);
  EXPECT_DOUBLE_EQ(detail::start_score(14, Params{}), 1.0);
  EXPECT_NEAR(detail::start_score(67, Params{}), 0.5, 1e-12);  // she waits: (67-14)/(120-14)
}

TEST_F(PairTest, GapsPointToTheCoursesThatTeachThem) {
  const Match m = *run().match;
  ASSERT_EQ(m.gaps.size(), 2u);
  EXPECT_EQ(m.gaps[0].competency, 2u);
  EXPECT_TRUE(m.gaps[0].required);
  ASSERT_EQ(m.gaps[0].courses.size(), 2u);  // courses 100 and 101 teach 2
  EXPECT_EQ(m.gaps[0].courses[0].course_id, 100);
  EXPECT_EQ(m.gaps[0].courses[1].course_id, 101);
  EXPECT_EQ(m.gaps[1].competency, 5u);
  EXPECT_FALSE(m.gaps[1].required);
  ASSERT_EQ(m.gaps[1].courses.size(), 1u);
  EXPECT_EQ(m.gaps[1].courses[0].name, "Course C");
  EXPECT_NE(m.factors[1].detail_ko.find("부족: 역량2"), std::string::npos) << m.factors[1].detail_ko;
  // A missing required competency costs more than a missing preferred one.
  s.competencies = {0, 2, 4};  // lacks preferred 5 only
  const double without_pref = run().match->factors[1].score;
  s.competencies = {0, 4, 5};  // lacks required 2 only
  EXPECT_GT(without_pref, run().match->factors[1].score);
}

TEST(WeightsJson, ReadsKnownKeysAndRejectsTheRest) {
  auto w = weights_from_json(nlohmann::json{{"occupation", 1}, {"wage", 0.5}});
  ASSERT_TRUE(w.ok());
  EXPECT_DOUBLE_EQ(w->occupation, 1.0);
  EXPECT_DOUBLE_EQ(w->wage, 0.5);
  EXPECT_DOUBLE_EQ(w->commute, Weights{}.commute);
  auto bad = weights_from_json(nlohmann::json{{"occupation", -1}, {"salary", 1}, {"start", "soon"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, Code::kInvalid);
  ASSERT_EQ(bad.error().fields.size(), 3u);
  std::vector<std::string> codes;
  for (const FieldError& f : bad.error().fields) codes.push_back(f.field + ":" + f.code);
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(codes, (std::vector<std::string>{"weights.occupation:range", "weights.salary:unknown",
                                             "weights.start:type"}));
  auto zero = weights_from_json(nlohmann::json{
      {"occupation", 0}, {"competency", 0}, {"schedule", 0}, {"commute", 0}, {"wage", 0}, {"start", 0}});
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().fields.at(0).field, "weights");
  EXPECT_FALSE(weights_from_json(nlohmann::json::array()).ok());
  auto round = weights_from_json(weights_to_json(Weights{1, 2, 3, 4, 5, 6}));
  ASSERT_TRUE(round.ok());
  EXPECT_DOUBLE_EQ(round->start, 6.0);
}

}  // namespace
}  // namespace dongne::jobs::match
