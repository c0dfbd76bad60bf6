// The indexes against brute force over generated data: every returned match passes the hard constraints, the
// indexed top-k equals the brute-force top-k (ids and scores), the reverse direction agrees with the forward
// one, and the batch equals single queries.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "jobs/match/fixtures.h"

namespace dongne::jobs::match {
namespace {

struct IndexTest : ::testing::Test {
  Taxonomy tax = testing::keco();
  Vocabulary voc = testing::vocab();
  CourseCatalog cat = testing::catalog();
  std::vector<Vacancy> vacancies;
  std::vector<Seeker> seekers;
  void SetUp() override {
    testing::Gen g(42);
    for (int i = 0; i < 3000; ++i) vacancies.push_back(g.vacancy(1000 + i));
    for (int i = 0; i < 600; ++i) seekers.push_back(g.seeker(1 + i));
  }
  // Brute force: explain() on every pair, best score first, ties by the smaller id.
  std::vector<std::pair<double, std::int64_t>> brute_for_seeker(const Seeker& s, int k, const Weights& w) {
    std::vector<std::pair<double, std::int64_t>> all;
    for (const Vacancy& v : vacancies) {
      const Verdict out = explain(s, v, tax, voc, cat, w);
      if (out.eligible) all.push_back({-out.match->score, v.id});
    }
    std::sort(all.begin(), all.end());
    if (all.size() > static_cast<std::size_t>(k)) all.resize(static_cast<std::size_t>(k));
    return all;
  }
};

TEST_F(IndexTest, TopKEqualsBruteForceAndPassesHardConstraints) {
  const VacancyIndex index(vacancies, tax, voc, cat);
  const Weights weights[] = {Weights{}, Weights{0, 0, 0, 1, 0, 0}, Weights{1, 3, 0.5, 0.2, 2, 1}};
  int nonempty = 0, compared = 0;
  for (const Weights& w : weights) {
    // Default weights over every seeker, the others over a third (brute force costs 3,000 explains a seeker).
    const std::size_t n = &w == &weights[0] ? seekers.size() : seekers.size() / 3;
    for (std::size_t i = 0; i < n; ++i) {
      const Seeker& s = seekers[i];
      const int k = 1 + static_cast<int>(i % 25);
      const auto got = index.top_for_seeker(s, k, w);
      const auto want = brute_for_seeker(s, k, w);
      ASSERT_EQ(got.size(), want.size()) << "seeker " << s.id;
      for (std::size_t j = 0; j < got.size(); ++j) {
        EXPECT_EQ(got[j].vacancy_id, want[j].second) << "seeker " << s.id << " rank " << j;
        EXPECT_DOUBLE_EQ(got[j].score, -want[j].first);
        const Verdict v = explain(s, *index.find(got[j].vacancy_id), tax, voc, cat, w);
        ASSERT_TRUE(v.eligible) << v.reason_en;
        EXPECT_DOUBLE_EQ(v.match->score, got[j].score);
        EXPECT_EQ(got[j].factors.size(), 6u);
        ++compared;
      }
      nonempty += !got.empty();
    }
  }
  // The generator must exercise the filters both ways, not return nothing.
  EXPECT_GT(nonempty, 600);
  EXPECT_GT(compared, 6000);
}

TEST_F(IndexTest, ChildcareLimitPropertyOverManyPairs) {
  const VacancyIndex index(vacancies, tax, voc, cat);
  int checked = 0;
  for (Seeker s : seekers) {
    for (DaySpan& d : s.available) {
      if (d.on()) d.end = 960;  // must leave by 16:00
    }
    s.available[5] = {};  // and no Saturdays
    for (const Match& m : index.top_for_seeker(s, 50, Weights{})) {
      const Vacancy& v = *index.find(m.vacancy_id);
      EXPECT_FALSE(v.hours[5].on());
      for (const DaySpan& d : v.hours) {
        if (d.on()) {
          EXPECT_LE(d.end, 960);
        }
      }
      EXPECT_LE(commute_minutes(s.home, v.workplace, index.params()), s.max_commute_min);
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000);
}

TEST_F(IndexTest, ReverseAgreesWithForward) {
  const VacancyIndex vindex(vacancies, tax, voc, cat);
  const SeekerIndex sindex(seekers, tax, voc, cat);
  const Weights w;
  int compared = 0;
  for (std::size_t i = 0; i < 150; ++i) {
    const Vacancy& v = vacancies[i];
    const auto got = sindex.top_for_vacancy(v, 10, w);
    // Brute force the reverse.
    std::vector<std::pair<double, std::int64_t>> want;
    for (const Seeker& s : seekers) {
      const Verdict out = explain(s, v, tax, voc, cat, w);
      if (out.eligible) want.push_back({-out.match->score, s.id});
    }
    std::sort(want.begin(), want.end());
    want.resize(std::min<std::size_t>(want.size(), 10));
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t j = 0; j < got.size(); ++j) {
      EXPECT_EQ(got[j].seeker_id, want[j].second);
      EXPECT_DOUBLE_EQ(got[j].score, -want[j].first);
      // The same pair from the forward side (index and explain) scores the same.
      const Seeker& s = *sindex.find(got[j].seeker_id);
      const Verdict direct = explain(s, v, tax, voc, cat, w);
      ASSERT_TRUE(direct.eligible);
      EXPECT_EQ(direct.match->factors[3].detail_ko, got[j].factors[3].detail_ko);
      ++compared;
      if (j > 0) continue;  // the full forward list is costly; once per vacancy
      const auto fwd = vindex.top_for_seeker(s, 3000, w);
      auto it = std::find_if(fwd.begin(), fwd.end(), [&](const Match& m) { return m.vacancy_id == v.id; });
      ASSERT_NE(it, fwd.end());
      EXPECT_DOUBLE_EQ(it->score, got[j].score);
      ASSERT_EQ(it->factors.size(), got[j].factors.size());
      for (std::size_t f = 0; f < it->factors.size(); ++f) {
        EXPECT_DOUBLE_EQ(it->factors[f].score, got[j].factors[f].score);
      }
    }
  }
  EXPECT_GT(compared, 500);
}

TEST_F(IndexTest, BatchEqualsSingleQueriesAndExplainsLater) {
  const VacancyIndex index(vacancies, tax, voc, cat);
  const Weights w;
  const auto batch = batch_top(seekers, index, 20, w, 2);
  ASSERT_EQ(batch.size(), seekers.size());
  for (std::size_t i = 0; i < seekers.size(); ++i) {
    const auto single = index.top_for_seeker(seekers[i], 20, w);
    ASSERT_EQ(batch[i].size(), single.size());
    for (std::size_t j = 0; j < single.size(); ++j) {
      EXPECT_EQ(batch[i][j].vacancy_id, single[j].vacancy_id);
      EXPECT_EQ(batch[i][j].score, single[j].score);
      EXPECT_TRUE(batch[i][j].factors.empty());
    }
    if (!single.empty()) {
      Match m = batch[i][0];
      index.fill_explanation(seekers[i], m, w);
      EXPECT_EQ(m.factors.size(), 6u);
      EXPECT_EQ(m.gaps.size(), single[0].gaps.size());
    }
  }
  const auto explained = batch_top(seekers, index, 5, w, 3, true);
  for (const auto& list : explained) {
    for (const Match& m : list) EXPECT_EQ(m.factors.size(), 6u);
  }
}

TEST_F(IndexTest, EdgeCases) {
  const VacancyIndex index(vacancies, tax, voc, cat);
  EXPECT_TRUE(index.top_for_seeker(seekers[0], 0, Weights{}).empty());
  Seeker nobody = seekers[0];
  nobody.available = {};
  EXPECT_TRUE(index.top_for_seeker(nobody, 10, Weights{}).empty());
  Seeker far = seekers[0];
  far.home = {33.5, 126.5};  // Jeju: no vacancies within reach
  EXPECT_TRUE(index.top_for_seeker(far, 10, Weights{}).empty());
  const VacancyIndex empty({}, tax, voc, cat);
  EXPECT_TRUE(empty.top_for_seeker(seekers[0], 10, Weights{}).empty());
  EXPECT_EQ(index.find(-5), nullptr);
  // An unknown place (NaN) never matches, in either direction or in explain().
  Seeker lost = seekers[0];
  lost.home = {std::nan(""), 126.7};
  EXPECT_TRUE(index.top_for_seeker(lost, 10, Weights{}).empty());
  EXPECT_EQ(explain(lost, vacancies[0], tax, voc, cat, Weights{}).reason_code.empty(), false);
  std::vector<Vacancy> odd = vacancies;
  odd[0].workplace = {std::nan(""), std::nan("")};
  odd[1].workplace = {1e300, -1e300};
  const VacancyIndex with_odd(odd, tax, voc, cat);
  for (const Seeker& s : seekers) {
    for (const Match& m : with_odd.top_for_seeker(s, 30, Weights{})) {
      EXPECT_NE(m.vacancy_id, odd[0].id);
      EXPECT_NE(m.vacancy_id, odd[1].id);
    }
  }
  const SeekerIndex sindex(seekers, tax, voc, cat);
  EXPECT_TRUE(sindex.top_for_vacancy(odd[0], 10, Weights{}).empty());
  EXPECT_EQ(index.size(), vacancies.size());
}

}  // namespace
}  // namespace dongne::jobs::match
