// SeekerIndex: seekers in grid cells by home, columns for the hard filters and the score. A query visits the
// cells within the largest commute radius of any seeker and checks each seeker's own limit; there are far
// fewer seekers than vacancies, so it scans without bucket bounds.
#include <algorithm>
#include <unordered_map>

#include "jobs/match/engine.h"
#include "jobs/match/index_util.h"
#include "jobs/match/score.h"

namespace dongne::jobs::match {

using detail::Scored;

struct SeekerIndex::Impl {
  const Taxonomy* taxonomy;
  const Vocabulary* vocabulary;
  const CourseCatalog* courses;
  Params params;
  std::vector<Seeker> seekers;
  std::unordered_map<SeekerId, std::uint32_t> by_id;
  std::vector<std::string> wish_codes;  // distinct codes wished for
  double max_radius = 0;

  // Rows sorted by cell.
  std::vector<double> lat, lon;
  std::vector<std::uint8_t> days;
  std::vector<Week> week;
  std::vector<std::int32_t> smin, max_commute, avail_day;
  std::vector<std::uint32_t> wish_begin, comp_begin;
  std::vector<std::uint16_t> n_wish, n_comp;
  std::vector<std::int32_t> wishes;  // ids into wish_codes, in rank order
  std::vector<CompetencyId> comps;   // sorted, unique
  std::vector<std::uint32_t> orig;
  struct Cell {
    std::uint32_t begin, end;
  };
  std::unordered_map<std::int64_t, Cell> cells;

  void build();
  std::vector<Match> query(const Vacancy& v, int k, const Weights& w) const;
};

void SeekerIndex::Impl::build() {
  const std::size_t n = seekers.size();
  std::vector<std::int64_t> key(n);
  std::vector<std::uint32_t> order(n);
  for (std::size_t i = 0; i < n; ++i) {
    key[i] = detail::cell_key(detail::cell_y(seekers[i].home.lat), detail::cell_x(seekers[i].home.lon));
    order[i] = static_cast<std::uint32_t>(i);
    by_id.emplace(seekers[i].id, static_cast<std::uint32_t>(i));
    max_radius = std::max(max_radius, detail::radius_km(seekers[i].max_commute_min, params));
  }
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return key[a] != key[b] ? key[a] < key[b] : a < b; });
  std::unordered_map<std::string, std::int32_t> code_ids;
  orig = order;
  for (std::size_t r = 0; r < n; ++r) {
    const Seeker& s = seekers[order[r]];
    lat.push_back(s.home.lat);
    lon.push_back(s.home.lon);
    // The days she works, for a quick filter; all days when a window runs past midnight (Sunday night covers
    // Monday's early hours), which schedule_fits then decides exactly.
    std::uint8_t mask = 0;
    for (int d = 0; d < 7; ++d) {
      if (s.available[d].on()) mask = static_cast<std::uint8_t>(mask | (1u << d));
      if (s.available[d].on() && s.available[d].end > 1440) mask = 0x7F;
    }
    days.push_back(mask);
    week.push_back(s.available);
    smin.push_back(weekly_minutes(s.available));
    max_commute.push_back(s.max_commute_min);
    avail_day.push_back(static_cast<std::int32_t>(detail::day_number(s.available_from)));
    wish_begin.push_back(static_cast<std::uint32_t>(wishes.size()));
    n_wish.push_back(static_cast<std::uint16_t>(std::min<std::size_t>(s.occupations.size(), 65535)));
    for (std::size_t i = 0; i < n_wish.back(); ++i) {
      auto [it, inserted] = code_ids.emplace(s.occupations[i], static_cast<std::int32_t>(wish_codes.size()));
      if (inserted) wish_codes.push_back(s.occupations[i]);
      wishes.push_back(it->second);
    }
    std::vector<CompetencyId> c = s.competencies;
    std::sort(c.begin(), c.end());
    c.erase(std::unique(c.begin(), c.end()), c.end());
    comp_begin.push_back(static_cast<std::uint32_t>(comps.size()));
    n_comp.push_back(static_cast<std::uint16_t>(std::min<std::size_t>(c.size(), 65535)));
    comps.insert(comps.end(), c.begin(), c.begin() + n_comp.back());
  }
  for (std::size_t r = 0; r < n;) {
    const std::int64_t ck = key[order[r]];
    Cell cell{static_cast<std::uint32_t>(r), 0};
    while (r < n && key[order[r]] == ck) ++r;
    cell.end = static_cast<std::uint32_t>(r);
    cells.emplace(ck, cell);
  }
}

std::vector<Match> SeekerIndex::Impl::query(const Vacancy& v, int k, const Weights& w) const {
  std::vector<Match> out;
  if (k <= 0 || seekers.empty() || !detail::finite(v.workplace)) return out;
  const Params& p = params;
  const detail::Scores nw = detail::normalised(w);
  std::vector<double> prox(wish_codes.size());
  for (std::size_t c = 0; c < wish_codes.size(); ++c)
    prox[c] = taxonomy->proximity(wish_codes[c], v.occupation);
  std::uint8_t vdays = 0;
  for (int d = 0; d < 7; ++d) {
    if (v.hours[d].on()) vdays = static_cast<std::uint8_t>(vdays | (1u << d));
  }
  const int vmin = weekly_minutes(v.hours);
  const double vh = pay_in_unit(v.wage, vmin, WageUnit::kHourly);
  const double vmonthly = pay_in_unit(v.wage, vmin, WageUnit::kMonthly);
  const std::int64_t start_day = detail::day_number(v.start);
  const detail::Competencies vc = detail::canonical(v);
  std::vector<std::uint8_t> mark;  // 1 required, 2 preferred
  for (CompetencyId c : vc.required) {
    if (c >= mark.size()) mark.resize(c + 1, 0);
    mark[c] = 1;
  }
  for (CompetencyId c : vc.preferred) {
    if (c >= mark.size()) mark.resize(c + 1, 0);
    mark[c] = 2;
  }
  const int n_req = static_cast<int>(vc.required.size());
  const int n_pref = static_cast<int>(vc.preferred.size());

  detail::TopK top(k);
  const detail::CellRange range = detail::cells_within(v.workplace, max_radius);
  for (std::int32_t y = range.y0; y <= range.y1; ++y) {
    for (std::int32_t x = range.x0; x <= range.x1; ++x) {
      auto it = cells.find(detail::cell_key(y, x));
      if (it == cells.end()) continue;
      if (detail::cell_min_km(v.workplace, y, x) > max_radius) continue;
      for (std::uint32_t r = it->second.begin; r < it->second.end; ++r) {
        double occ = p.occupation_open_score;
        if (n_wish[r] > 0) {
          double best = 0, best_prox = 0;
          for (std::size_t i = 0; i < n_wish[r]; ++i) {
            const double px = prox[static_cast<std::size_t>(wishes[wish_begin[r] + i])];
            best_prox = std::max(best_prox, px);
            best = std::max(best, detail::wish_score(px, i, p));
          }
          if (best_prox <= 0) continue;
          occ = best;
        }
        if (vdays & ~days[r]) continue;
        if (!detail::schedule_fits(week[r], v.hours)) continue;
        const double minutes = commute_minutes(GeoPoint{lat[r], lon[r]}, v.workplace, p);
        if (!(minutes <= max_commute[r])) continue;  // NaN-safe
        const Seeker& s = seekers[orig[r]];
        if (!v.languages.empty() && !detail::missing_language(s.languages, v.languages).empty()) continue;
        int have_req = 0, have_pref = 0;
        for (std::size_t i = 0; i < n_comp[r]; ++i) {
          const CompetencyId c = comps[comp_begin[r] + i];
          if (c < mark.size()) {
            have_req += mark[c] == 1;
            have_pref += mark[c] == 2;
          }
        }
        // Her minimum, in her unit, is a hard filter.
        const double floor_won = s.expected ? static_cast<double>(s.expected->won) : 0.0;
        const double pay = s.expected && s.expected->unit == WageUnit::kMonthly ? vmonthly : vh;
        if (pay < floor_won) continue;
        const detail::Scores sc{occ,
                                detail::competency_score(have_req, n_req, have_pref, n_pref, p),
                                detail::schedule_score(vmin, smin[r]),
                                detail::commute_score(minutes, max_commute[r], p),
                                detail::wage_score(pay, floor_won, p),
                                detail::start_score(start_day - avail_day[r], p)};
        top.offer({detail::combine(nw, sc), s.id, orig[r]});
      }
    }
  }
  for (const Scored& sc : std::move(top).sorted()) {
    out.push_back(detail::build_match(seekers[sc.row], v, *taxonomy, *vocabulary, *courses, w, p));
    out.back().score = sc.score;
  }
  return out;
}

SeekerIndex::SeekerIndex(std::vector<Seeker> seekers, const Taxonomy& taxonomy, const Vocabulary& vocabulary,
                         const CourseCatalog& courses, Params params)
    : impl_(std::make_unique<Impl>()) {
  impl_->taxonomy = &taxonomy;
  impl_->vocabulary = &vocabulary;
  impl_->courses = &courses;
  impl_->params = params;
  impl_->seekers = std::move(seekers);
  impl_->build();
}
SeekerIndex::~SeekerIndex() = default;
SeekerIndex::SeekerIndex(SeekerIndex&&) noexcept = default;
SeekerIndex& SeekerIndex::operator=(SeekerIndex&&) noexcept = default;

std::vector<Match> SeekerIndex::top_for_vacancy(const Vacancy& v, int k, const Weights& w) const {
  return impl_->query(v, k, w);
}
std::size_t SeekerIndex::size() const { return impl_->seekers.size(); }
const Seeker* SeekerIndex::find(SeekerId id) const {
  auto it = impl_->by_id.find(id);
  return it == impl_->by_id.end() ? nullptr : &impl_->seekers[it->second];
}

}  // namespace dongne::jobs::match
