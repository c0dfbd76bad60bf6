// One pair: hard constraints with their reasons, wage conversion, factor models, explanation shares, gaps,
// weights.
#include "jobs/match/score.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "jobs/match/engine.h"
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

TEST_F(PairTest, TheCompetencyDetailNamesTheWordsSheUsed) {
  s.said_as = {{0, "전화응대"}, {2, "안 가진 역량"}};  // 2 is required but she lacks it: not named
  const Verdict out = run();
  ASSERT_TRUE(out.eligible);
  const Factor& c = out.match->factors[1];
  EXPECT_NE(c.detail_ko.find("'전화응대'을(를) " + voc.entry(0).name_ko + "(으)로 봄"), std::string::npos) << c.detail_ko;
  EXPECT_NE(c.detail_en.find("'전화응대' read as " + voc.entry(0).name_en), std::string::npos) << c.detail_en;
  EXPECT_EQ(c.detail_ko.find("안 가진 역량"), std::string::npos);
}

TEST(VocabularyExtended, AppendsTermsKeepingIdsAndAliases) {
  Vocabulary base = testing::vocab();
  auto more = base.extended({{"c7-1", "통번역", "Translation and interpreting", "", {"통역", "번역"}, {}}});
  ASSERT_TRUE(more.ok());
  EXPECT_EQ(more->size(), base.size() + 1);
  EXPECT_EQ(more->resolve("통 번역"), static_cast<CompetencyId>(base.size()));
  EXPECT_EQ(more->resolve(base.entry(0).name_ko), CompetencyId{0});
  EXPECT_FALSE(base.extended({{base.entry(0).key, "중복", "dup", "", {}, {}}}).ok());
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

TEST_F(PairTest, HerMinimumIsAHardFloorInHerOwnUnit) {
  v.wage = {2'090'000, WageUnit::kMonthly};  // 10,000 an hour at 45 h a week (>= 40 h: 209 h)
  s.expected = Wage{10'000, WageUnit::kHourly};
  ASSERT_TRUE(run().eligible);
  EXPECT_DOUBLE_EQ(run().match->factors[4].score, 1.0);
  EXPECT_NE(run().match->factors[4].detail_ko.find("시급 환산 10,000원 (희망 최소 10,000원)"), std::string::npos)
      << run().match->factors[4].detail_ko;
  s.expected = Wage{10'001, WageUnit::kHourly};  // one won more than offered: never shown
  EXPECT_EQ(run().reason_code, "wage");
  EXPECT_NE(run().reason_en.find("below her minimum of 10,001"), std::string::npos) << run().reason_en;
  s.expected = Wage{2'090'000, WageUnit::kMonthly};
  EXPECT_TRUE(run().eligible);
  EXPECT_NE(run().match->factors[4].detail_ko.find("월 환산 2,090,000원"), std::string::npos);
  // A part-time job at a good hourly wage pays less in a month than a full-time wish: read in her unit, not as
  // "expects 16,000 won an hour".
  v.hours = every_day(540, 780);  // 4 h a weekday: 20 h a week
  v.wage = {12'000, WageUnit::kHourly};
  s.expected = Wage{2'000'000, WageUnit::kMonthly};
  const Verdict part_time = run();
  EXPECT_EQ(part_time.reason_code, "wage");
  EXPECT_NE(part_time.reason_ko.find("월 환산"), std::string::npos) << part_time.reason_ko;
  EXPECT_DOUBLE_EQ(pay_in_unit(v.wage, weekly_minutes(v.hours), WageUnit::kMonthly),
                   12'000 * monthly_paid_hours(20 * 60));
  s.expected = Wage{1'250'000, WageUnit::kMonthly};
  EXPECT_TRUE(run().eligible);
}

TEST_F(PairTest, NightShiftsRunPastMidnightIntoTheNextDay) {
  Week night{};
  night[0] = {1320, 1860};  // Monday 22:00 to Tuesday 07:00
  v.hours = night;
  EXPECT_EQ(weekly_minutes(v.hours), 9 * 60);
  s.available = {};
  s.available[0] = {1080, 1440};  // Monday evening
  EXPECT_EQ(run().reason_code, "schedule");
  EXPECT_NE(run().reason_ko.find("월 22:00–07:00"), std::string::npos) << run().reason_ko;
  s.available[1] = {0, 480};  // and Tuesday until 08:00: the windows join at midnight
  EXPECT_TRUE(run().eligible);
  s.available = {};
  s.available[0] = {1200, 1920};  // one window, Monday 20:00 to Tuesday 08:00
  EXPECT_TRUE(run().eligible);
  // Sunday night runs into Monday: a Sunday 22:00-06:00 window covers a Monday 01:00-05:00 shift.
  v.hours = Week{};
  v.hours[0] = {60, 300};
  s.available = {};
  s.available[6] = {1320, 1800};
  EXPECT_TRUE(run().eligible);
  // A Sunday night shift needs Monday morning.
  v.hours = Week{};
  v.hours[6] = {1320, 1860};
  EXPECT_FALSE(run().eligible);
  s.available[0] = {0, 600};
  s.available[6] = {1200, 1440};
  EXPECT_TRUE(run().eligible);
}

TEST_F(PairTest, AVacancyWhoseStartPassedStartsAsSoonAsPossible) {
  v.start = s.available_from;
  v.asap = true;
  Verdict out = run();
  EXPECT_NE(out.match->factors[5].detail_en.find("as soon as possible"), std::string::npos) << out.match->factors[5].detail_en;
  EXPECT_EQ(out.match->factors[5].detail_en.find("days later"), std::string::npos) << "never 'she is available N days later'";
  EXPECT_DOUBLE_EQ(out.match->factors[5].score, 1.0);
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
    EXPECT_DOUBLE_EQ(f.contribution, f.weight * f.score);
  }
  EXPECT_NEAR(sum, m.score, 1e-12);
  double contributions = 0;
  for (const Factor& f : m.factors) contributions += f.contribution;
  EXPECT_NEAR(contributions, m.score, 1e-12) << "the contributions add up to the score";
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
  EXPECT_NE(m.factors[3].detail_ko.find("(한도 60분; 집과 근무지 모두 좌표)"), std::string::npos);
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
