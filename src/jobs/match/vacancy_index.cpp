// VacancyIndex: vacancies in grid cells, and inside each cell in buckets by occupation, with columns for the
// hard filters and the score. A query turns the seeker into lookup tables once (occupation score per code,
// the window she has on any set of days, her competencies as a bitset), ranks the (cell, bucket) pairs within
// her commute radius by an upper bound of any score inside, and scans them best first until the bound falls
// below the k-th score kept.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "jobs/match/engine.h"
#include "jobs/match/index_util.h"
#include "jobs/match/score.h"

namespace dongne::jobs::match {

using detail::Scored;

struct VacancyIndex::Impl {
  const Taxonomy* taxonomy;
  const Vocabulary* vocabulary;
  const CourseCatalog* courses;
  Params params;
  std::vector<Vacancy> vacancies;
  std::unordered_map<VacancyId, std::uint32_t> by_id;

  // Occupation codes present, each with its lineage as ids by digit count (-1 = none at that level).
  std::vector<std::string> codes;
  std::vector<std::array<std::int32_t, 9>> code_lineage;
  std::unordered_map<std::string, std::int32_t> lineage_ids;  // any code in a lineage -> id

  // Rows (one per vacancy), sorted by cell then bucket: struct of arrays.
  std::vector<double> lat, lon;
  std::vector<std::uint8_t> days;         // bit d: works on day d
  std::vector<std::int16_t> first, last;  // earliest start and latest end over the working days
  std::vector<std::uint8_t> flags;        // kUneven: hours differ between days; kLanguages: needs languages
  std::vector<std::int32_t> vmin;         // weekly minutes
  std::vector<double> hourly;             // the wage in each unit (pay_in_unit): hourly
  std::vector<double> monthly;            // and monthly
  std::vector<std::int32_t> start_day;    // days since 1970-01-01
  std::vector<std::uint32_t> comp_begin;  // into comps: required then preferred (canonical)
  std::vector<std::uint16_t> n_req, n_pref;
  std::vector<CompetencyId> comps;
  std::vector<VacancyId> ids;
  std::vector<std::uint32_t> orig;  // index into vacancies

  // Rows of a bucket with the same shift pattern (days, earliest start, latest end, evenness): the schedule
  // filter runs once per run, not once per row.
  struct Run {
    std::uint32_t begin, end;
    std::uint8_t days;
    bool uneven;
    std::int16_t first, last;
    std::int32_t max_vmin;
  };
  std::vector<Run> runs;
  // Per bucket: the union of the competencies its rows name (a bitset of comp_words words in comp_union) and
  // the smallest competency denominator, for an upper bound of the competency score.
  std::size_t comp_words = 1;
  std::vector<std::uint64_t> comp_union;

  struct Bucket {
    std::uint32_t begin, end;
    std::uint32_t run_begin, run_end;
    std::int32_t code;
    double min_denominator;  // smallest rw x required + preferred over the rows (0: some row has none)
    double max_hourly;
    double max_monthly;  // max of the monthly pay (for a monthly minimum)
    std::int32_t min_start, max_start;
  };
  struct Cell {
    std::int32_t y, x;
    std::uint32_t bucket_begin, bucket_end;
  };
  std::vector<Bucket> buckets;
  std::vector<Cell> cells;
  std::unordered_map<std::int64_t, std::uint32_t> cell_by_key;

  static constexpr std::uint8_t kUneven = 1;
  static constexpr std::uint8_t kLanguages = 2;

  std::array<std::int32_t, 9> lineage_of(const std::string& code) {
    std::array<std::int32_t, 9> out;
    out.fill(-1);
    for (const std::string& c : taxonomy->lineage(code)) {
      if (c.size() >= out.size()) continue;
      auto [it, inserted] = lineage_ids.emplace(c, static_cast<std::int32_t>(lineage_ids.size()));
      out[c.size()] = it->second;
    }
    return out;
  }

  void build();
  std::vector<Match> query(const Seeker& s, int k, const Weights& w, bool explain) const;
};

void VacancyIndex::Impl::build() {
  const std::size_t n = vacancies.size();
  std::unordered_map<std::string, std::int32_t> code_ids;
  std::vector<std::int32_t> code_of(n);
  std::vector<std::uint64_t> pattern(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto [it, inserted] = code_ids.emplace(vacancies[i].occupation, static_cast<std::int32_t>(codes.size()));
    if (inserted) {
      codes.push_back(vacancies[i].occupation);
      code_lineage.push_back(lineage_of(vacancies[i].occupation));
    }
    code_of[i] = it->second;
    by_id.emplace(vacancies[i].id, static_cast<std::uint32_t>(i));
  }
  std::vector<std::int64_t> key(n);
  std::vector<std::uint32_t> order(n);
  for (std::size_t i = 0; i < n; ++i) {
    key[i] = detail::cell_key(detail::cell_y(vacancies[i].workplace.lat),
                              detail::cell_x(vacancies[i].workplace.lon));
    order[i] = static_cast<std::uint32_t>(i);
  }
  for (std::size_t i = 0; i < n; ++i) {
    // The shift pattern as one number: days, evenness, earliest start, latest end.
    std::uint64_t days_mask = 0, uneven = 0;
    std::int64_t lo = 0, hi = 0;
    const DaySpan* ref = nullptr;
    for (int d = 0; d < 7; ++d) {
      const DaySpan& h = vacancies[i].hours[d];
      if (!h.on()) continue;
      days_mask |= 1u << d;
      if (ref == nullptr) {
        ref = &h;
        lo = h.start;
        hi = h.end;
      } else {
        uneven |= !(h == *ref);
        lo = std::min<std::int64_t>(lo, h.start);
        hi = std::max<std::int64_t>(hi, h.end);
      }
    }
    uneven |= hi > 1440;  // a night shift is checked row by row (schedule_fits joins windows across midnight)
    pattern[i] = days_mask << 40 | uneven << 32 | static_cast<std::uint64_t>(lo) << 16 |
                 static_cast<std::uint64_t>(hi);
  }
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (key[a] != key[b]) return key[a] < key[b];
    if (code_of[a] != code_of[b]) return code_of[a] < code_of[b];
    if (pattern[a] != pattern[b]) return pattern[a] < pattern[b];
    return a < b;
  });
  lat.resize(n), lon.resize(n), days.resize(n), first.resize(n), last.resize(n), flags.resize(n),
      vmin.resize(n);
  hourly.resize(n), monthly.resize(n), start_day.resize(n), comp_begin.resize(n), n_req.resize(n), n_pref.resize(n),
      ids.resize(n);
  orig = order;
  for (std::size_t r = 0; r < n; ++r) {
    const Vacancy& v = vacancies[order[r]];
    lat[r] = v.workplace.lat;
    lon[r] = v.workplace.lon;
    std::uint8_t mask = 0;
    std::int16_t lo = 0, hi = 0;
    bool uneven = false;
    const DaySpan* ref = nullptr;
    for (int d = 0; d < 7; ++d) {
      if (!v.hours[d].on()) continue;
      mask = static_cast<std::uint8_t>(mask | (1u << d));
      if (ref == nullptr) {
        ref = &v.hours[d];
        lo = ref->start;
        hi = ref->end;
      } else {
        uneven = uneven || !(v.hours[d] == *ref);
        lo = std::min(lo, v.hours[d].start);
        hi = std::max(hi, v.hours[d].end);
      }
    }
    uneven = uneven || hi > 1440;
    days[r] = mask;
    first[r] = lo;
    last[r] = hi;
    flags[r] = static_cast<std::uint8_t>((uneven ? kUneven : 0) | (v.languages.empty() ? 0 : kLanguages));
    vmin[r] = weekly_minutes(v.hours);
    hourly[r] = pay_in_unit(v.wage, vmin[r], WageUnit::kHourly);
    monthly[r] = pay_in_unit(v.wage, vmin[r], WageUnit::kMonthly);
    start_day[r] = static_cast<std::int32_t>(detail::day_number(v.start));
    const detail::Competencies c = detail::canonical(v);
    comp_begin[r] = static_cast<std::uint32_t>(comps.size());
    n_req[r] = static_cast<std::uint16_t>(std::min<std::size_t>(c.required.size(), 65535));
    n_pref[r] = static_cast<std::uint16_t>(std::min<std::size_t>(c.preferred.size(), 65535));
    comps.insert(comps.end(), c.required.begin(), c.required.begin() + n_req[r]);
    comps.insert(comps.end(), c.preferred.begin(), c.preferred.begin() + n_pref[r]);
    ids[r] = v.id;
  }
  CompetencyId max_comp = 0;
  for (CompetencyId c : comps) max_comp = std::max(max_comp, c);
  comp_words = max_comp / 64 + 1;
  for (std::size_t r = 0; r < n;) {
    const std::int64_t ck = key[order[r]];
    Cell cell{detail::cell_y(lat[r]), detail::cell_x(lon[r]), static_cast<std::uint32_t>(buckets.size()), 0};
    while (r < n && key[order[r]] == ck) {
      const std::int32_t code = code_of[order[r]];
      Bucket b{static_cast<std::uint32_t>(r),
               0,
               static_cast<std::uint32_t>(runs.size()),
               0,
               code,
               std::numeric_limits<double>::max(),
               0,
               0,
               std::numeric_limits<std::int32_t>::max(),
               std::numeric_limits<std::int32_t>::min()};
      comp_union.resize(comp_union.size() + comp_words, 0);
      std::uint64_t* uni = comp_union.data() + comp_union.size() - comp_words;
      while (r < n && key[order[r]] == ck && code_of[order[r]] == code) {
        if (runs.size() == b.run_begin || pattern[order[r]] != pattern[order[runs.back().begin]]) {
          runs.push_back(
              {static_cast<std::uint32_t>(r), 0, days[r], (flags[r] & kUneven) != 0, first[r], last[r], 0});
        }
        runs.back().end = static_cast<std::uint32_t>(r + 1);
        runs.back().max_vmin = std::max(runs.back().max_vmin, vmin[r]);
        b.min_denominator = std::min(b.min_denominator, params.required_weight * n_req[r] + n_pref[r]);
        for (std::uint32_t i = 0; i < n_req[r] + n_pref[r]; ++i) {
          const CompetencyId c = comps[comp_begin[r] + i];
          uni[c / 64] |= std::uint64_t{1} << (c % 64);
        }
        b.max_hourly = std::max(b.max_hourly, hourly[r]);
        b.max_monthly = std::max(b.max_monthly, monthly[r]);
        b.min_start = std::min(b.min_start, start_day[r]);
        b.max_start = std::max(b.max_start, start_day[r]);
        ++r;
      }
      b.end = static_cast<std::uint32_t>(r);
      b.run_end = static_cast<std::uint32_t>(runs.size());
      buckets.push_back(b);
    }
    cell.bucket_end = static_cast<std::uint32_t>(buckets.size());
    cell_by_key.emplace(ck, static_cast<std::uint32_t>(cells.size()));
    cells.push_back(cell);
  }
}

std::vector<Match> VacancyIndex::Impl::query(const Seeker& s, int k, const Weights& w, bool explain) const {
  std::vector<Match> out;
  if (k <= 0 || vacancies.empty() || !detail::finite(s.home)) return out;
  const Params& p = params;
  const detail::Scores nw = detail::normalised(w);

  // Occupation score per code present, and whether the code passes the hard filter.
  std::vector<double> occ(codes.size(), p.occupation_open_score);
  std::vector<std::uint8_t> occ_ok(codes.size(), 1);
  if (!s.occupations.empty()) {
    std::vector<std::array<std::int32_t, 9>> wish;
    for (const std::string& o : s.occupations) {
      std::array<std::int32_t, 9> l;
      l.fill(-1);
      for (const std::string& c : taxonomy->lineage(o)) {
        auto it = lineage_ids.find(c);
        if (c.size() < l.size())
          l[c.size()] = it == lineage_ids.end() ? -2 - static_cast<std::int32_t>(c.size()) : it->second;
      }
      wish.push_back(l);
    }
    for (std::size_t c = 0; c < codes.size(); ++c) {
      double best = 0;
      double best_prox = 0;
      for (std::size_t r = 0; r < wish.size(); ++r) {
        int level = 0;
        for (int d = 8; d >= 1; --d) {
          if (wish[r][d] >= 0 && wish[r][d] == code_lineage[c][d]) {
            level = d;
            break;
          }
        }
        const double prox = Taxonomy::proximity_for_level(level, s.occupations[r] == codes[c]);
        best_prox = std::max(best_prox, prox);
        best = std::max(best, detail::wish_score(prox, r, p));
      }
      occ[c] = best;
      occ_ok[c] = best_prox > 0;
    }
  }

  // Her window on any set of days: the latest start and the earliest end over those days.
  std::uint8_t sdays = 0;
  for (int d = 0; d < 7; ++d) {
    if (s.available[d].on()) sdays = static_cast<std::uint8_t>(sdays | (1u << d));
  }
  std::array<std::int16_t, 128> wstart{}, wend{};
  for (int m = 0; m < 128; ++m) {
    std::int16_t lo = std::numeric_limits<std::int16_t>::min(), hi = std::numeric_limits<std::int16_t>::max();
    for (int d = 0; d < 7; ++d) {
      if ((m >> d & 1) && s.available[d].on()) {
        lo = std::max(lo, s.available[d].start);
        hi = std::min(hi, s.available[d].end);
      }
    }
    wstart[m] = lo;
    wend[m] = hi;
  }
  const int smin = weekly_minutes(s.available);
  std::vector<std::uint64_t> has;
  for (CompetencyId c : s.competencies) {
    if (c / 64 >= has.size()) has.resize(c / 64 + 1, 0);
    has[c / 64] |= std::uint64_t{1} << (c % 64);
  }
  auto holds = [&](CompetencyId c) { return c / 64 < has.size() && (has[c / 64] >> (c % 64) & 1); };
  // A seeker whose windows run past midnight is checked row by row (a window of Sunday night covers Monday's
  // early hours).
  bool exact = false;
  for (const DaySpan& d : s.available) exact = exact || (d.on() && d.end > 1440);
  auto run_passes = [&](const Run& run) {
    if (exact) return true;
    if (run.days & ~sdays) return false;
    return run.uneven || (run.first >= wstart[run.days] && run.last <= wend[run.days]);
  };
  const double rw = std::max(1.0, p.required_weight);
  const std::int64_t avail_day = detail::day_number(s.available_from);
  const double radius = detail::radius_km(s.max_commute_min, p);
  // Her minimum in her unit (0: none, which every wage meets).
  const double floor_won = s.expected ? static_cast<double>(s.expected->won) : 0.0;
  const bool pay_monthly = s.expected && s.expected->unit == WageUnit::kMonthly;

  // Candidates: (bucket, upper bound), best bound first.
  struct Cand {
    double ub;
    std::uint32_t bucket;
    double comp_ub, commute_ub;
  };
  std::vector<Cand> cands;
  if (s.max_commute_min >= p.commute_base_min) {
    const detail::CellRange range = detail::cells_within(s.home, radius);
    for (std::int32_t y = range.y0; y <= range.y1; ++y) {
      for (std::int32_t x = range.x0; x <= range.x1; ++x) {
        auto it = cell_by_key.find(detail::cell_key(y, x));
        if (it == cell_by_key.end()) continue;
        const double min_km = detail::cell_min_km(s.home, y, x);
        if (min_km > radius) continue;
        const double commute_ub =
            detail::commute_score(p.commute_base_min + min_km * p.commute_min_per_km, s.max_commute_min, p);
        const Cell& cell = cells[it->second];
        for (std::uint32_t b = cell.bucket_begin; b < cell.bucket_end; ++b) {
          const Bucket& bk = buckets[b];
          if (!occ_ok[bk.code]) continue;
          std::int32_t max_vmin = -1;
          for (std::uint32_t u = bk.run_begin; u < bk.run_end; ++u) {
            if (run_passes(runs[u])) max_vmin = std::max(max_vmin, runs[u].max_vmin);
          }
          if (max_vmin < 0) continue;  // no shift in this bucket fits her week
          // Competency bound: a row holds at most |union & hers| of what it names, over at least
          // min_denominator.
          double comp_ub = 1.0;
          if (bk.min_denominator > 0) {
            int common = 0;
            const std::uint64_t* uni = comp_union.data() + static_cast<std::size_t>(b) * comp_words;
            for (std::size_t i = 0; i < std::min(comp_words, has.size()); ++i)
              common += std::popcount(uni[i] & has[i]);
            comp_ub = std::min(1.0, rw * common / bk.min_denominator);
          }
          // Her minimum is a hard filter: a bucket that pays less throughout is skipped whole.
          double wage_ub = 1.0;
          if (s.expected) {
            const double max_pay = s.expected->unit == WageUnit::kHourly ? bk.max_hourly : bk.max_monthly;
            if (max_pay < floor_won) continue;
            wage_ub = detail::wage_score(max_pay, floor_won, p);
          }
          double start_ub = 1.0;
          const std::int64_t lo = bk.min_start - avail_day, hi = bk.max_start - avail_day;
          if (lo > 0) start_ub = detail::start_score(lo, p);
          if (hi < 0) start_ub = detail::start_score(hi, p);
          const detail::Scores ub{occ[bk.code], comp_ub, detail::schedule_score(max_vmin, smin),
                                  commute_ub,   wage_ub, start_ub};
          cands.push_back({detail::combine(nw, ub) + 1e-9, b, comp_ub, commute_ub});
        }
      }
    }
  }
  // Best bound first. A heap, not a sort: the scan usually stops after a small share of the candidates.
  auto lower_bound_first = [](const Cand& a, const Cand& b) { return a.ub < b.ub; };
  std::make_heap(cands.begin(), cands.end(), lower_bound_first);

  // A flat-earth distance with the smallest cosine inside the search box, shrunk by 0.5%: never more than the
  // haversine distance at commute scales, so it can reject rows and bound their commute score before the
  // trigonometry.
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double cos_lo =
      std::cos(std::min(89.0, std::abs(s.home.lat) + radius / detail::kKmPerDegLat + 0.1) * kRad);
  constexpr double kKmPerDeg = 6371.0088 * kRad * 0.995;
  detail::TopK top(k);
  for (auto end = cands.end(); end != cands.begin(); --end) {
    std::pop_heap(cands.begin(), end, lower_bound_first);
    const Cand& c = *(end - 1);
    if (top.full() && c.ub < top.floor()) break;
    const Bucket& bk = buckets[c.bucket];
    const double occ_score = occ[bk.code];
    const double base = nw[0] * occ_score + 1e-9;
    for (std::uint32_t u = bk.run_begin; u < bk.run_end; ++u) {
      const Run& run = runs[u];
      if (!run_passes(run)) continue;
      for (std::uint32_t r = run.begin; r < run.end; ++r) {
        if ((run.uneven || exact) && !detail::schedule_fits(s.available, vacancies[orig[r]].hours)) continue;
        // The cheap factors first; the bound with the bucket's competency and the cell's commute bounds
        // decides whether this row is worth the rest.
        const double pay = pay_monthly ? monthly[r] : hourly[r];
        if (pay < floor_won) continue;  // her minimum, in her unit
        const double sched = detail::schedule_score(vmin[r], smin);
        const double wage = detail::wage_score(pay, floor_won, p);
        const double start = detail::start_score(start_day[r] - avail_day, p);
        const double cheap = base + nw[2] * sched + nw[4] * wage + nw[5] * start;
        const double floor = top.floor();
        if (cheap + nw[1] * c.comp_ub + nw[3] * c.commute_ub < floor) continue;
        int have_req = 0, have_pref = 0;
        const CompetencyId* cp = comps.data() + comp_begin[r];
        for (int i = 0; i < n_req[r]; ++i) have_req += holds(cp[i]);
        for (int i = 0; i < n_pref[r]; ++i) have_pref += holds(cp[n_req[r] + i]);
        const double comp = detail::competency_score(have_req, n_req[r], have_pref, n_pref[r], p);
        const double dy = lat[r] - s.home.lat, dx = (lon[r] - s.home.lon) * cos_lo;
        const double km_lb = std::sqrt(dx * dx + dy * dy) * kKmPerDeg;
        if (!(km_lb <= radius + 1e-6)) continue;  // NaN-safe
        const double commute_ub =
            detail::commute_score(p.commute_base_min + km_lb * p.commute_min_per_km, s.max_commute_min, p);
        if (cheap + nw[1] * comp + nw[3] * commute_ub < floor) continue;
        const double minutes = commute_minutes(s.home, GeoPoint{lat[r], lon[r]}, p);
        if (!(minutes <= s.max_commute_min)) continue;
        if ((flags[r] & kLanguages) &&
            !detail::missing_language(s.languages, vacancies[orig[r]].languages).empty()) {
          continue;
        }
        const detail::Scores sc{occ_score, comp, sched, detail::commute_score(minutes, s.max_commute_min, p),
                                wage,      start};
        top.offer({detail::combine(nw, sc), ids[r], orig[r]});
      }
    }
  }
  for (const Scored& sc : std::move(top).sorted()) {
    if (explain) {
      out.push_back(detail::build_match(s, vacancies[sc.row], *taxonomy, *vocabulary, *courses, w, p));
      out.back().score = sc.score;  // identical by construction; keep the ranked value exactly
    } else {
      Match m;
      m.seeker_id = s.id;
      m.vacancy_id = sc.id;
      m.score = sc.score;
      out.push_back(std::move(m));
    }
  }
  return out;
}

VacancyIndex::VacancyIndex(std::vector<Vacancy> vacancies, const Taxonomy& taxonomy,
                           const Vocabulary& vocabulary, const CourseCatalog& courses, Params params)
    : impl_(std::make_unique<Impl>()) {
  impl_->taxonomy = &taxonomy;
  impl_->vocabulary = &vocabulary;
  impl_->courses = &courses;
  impl_->params = params;
  impl_->vacancies = std::move(vacancies);
  impl_->build();
}
VacancyIndex::~VacancyIndex() = default;
VacancyIndex::VacancyIndex(VacancyIndex&&) noexcept = default;
VacancyIndex& VacancyIndex::operator=(VacancyIndex&&) noexcept = default;

std::vector<Match> VacancyIndex::top_for_seeker(const Seeker& s, int k, const Weights& w) const {
  return impl_->query(s, k, w, true);
}
std::vector<Match> VacancyIndex::top_for_seeker_scores(const Seeker& s, int k, const Weights& w) const {
  return impl_->query(s, k, w, false);
}
void VacancyIndex::fill_explanation(const Seeker& s, Match& m, const Weights& w) const {
  const Vacancy* v = find(m.vacancy_id);
  if (v == nullptr) return;
  Match full =
      detail::build_match(s, *v, *impl_->taxonomy, *impl_->vocabulary, *impl_->courses, w, impl_->params);
  m.factors = std::move(full.factors);
  m.gaps = std::move(full.gaps);
}
std::size_t VacancyIndex::size() const { return impl_->vacancies.size(); }
const Vacancy* VacancyIndex::find(VacancyId id) const {
  auto it = impl_->by_id.find(id);
  return it == impl_->by_id.end() ? nullptr : &impl_->vacancies[it->second];
}
const Params& VacancyIndex::params() const { return impl_->params; }

}  // namespace dongne::jobs::match
