// The SQL version of the matching score (see pg_scoring.h). Literals are inlined with full precision so the
// ranking can be compared with the engine's on the same data.
#include "pg_scoring.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "jobs/match/index_util.h"
#include "jobs/match/score.h"

namespace dongne::jobs::match::bench {

namespace {
std::string res_error(PGresult* r) {
  std::string e = PQresultErrorMessage(r);
  PQclear(r);
  return e;
}
bool run(PGconn* c, const char* sql, std::string* err) {
  PGresult* r = PQexec(c, sql);
  if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
    *err = res_error(r);
    return false;
  }
  PQclear(r);
  return true;
}
std::string int_array(const std::vector<CompetencyId>& v) {
  std::string s = "{";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
  return s + "}";
}
std::string num(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}
std::string quote(const std::string& s) {
  return "'" + s + "'";
}  // codes and language tags only: no quotes inside
}  // namespace

std::string pg_load(PGconn* conn, const std::vector<Vacancy>& vacancies) {
  std::string err;
  std::string ddl =
      "DROP TABLE IF EXISTS jobs_bench_vacancy; CREATE TABLE jobs_bench_vacancy (id bigint PRIMARY KEY, occ "
      "text NOT "
      "NULL, req int[] NOT NULL, pref int[] NOT NULL";
  for (int d = 0; d < 7; ++d)
    ddl += ", s" + std::to_string(d) + " smallint, e" + std::to_string(d) + " smallint";
  ddl +=
      ", vmin int NOT NULL, wage_won bigint NOT NULL, wage_hourly boolean NOT NULL, lat float8 NOT NULL, lon "
      "float8 "
      "NOT NULL, start_date date NOT NULL, langs text[])";
  if (!run(conn, ddl.c_str(), &err)) return err;
  PGresult* r = PQexec(conn, "COPY jobs_bench_vacancy FROM STDIN");
  if (PQresultStatus(r) != PGRES_COPY_IN) return res_error(r);
  PQclear(r);
  std::string buf;
  for (const Vacancy& v : vacancies) {
    const detail::Competencies c = detail::canonical(v);
    std::ostringstream line;
    line.precision(17);
    line << v.id << '\t' << v.occupation << '\t' << int_array(c.required) << '\t' << int_array(c.preferred);
    for (const DaySpan& d : v.hours) {
      if (d.on())
        line << '\t' << d.start << '\t' << d.end;
      else
        line << "\t\\N\t\\N";
    }
    line << '\t' << weekly_minutes(v.hours) << '\t' << v.wage.won << '\t'
         << (v.wage.unit == WageUnit::kHourly ? 't' : 'f') << '\t' << v.workplace.lat << '\t'
         << v.workplace.lon << '\t' << format_date(v.start) << '\t';
    if (v.languages.empty()) {
      line << "\\N";
    } else {
      line << '{';
      for (std::size_t i = 0; i < v.languages.size(); ++i) line << (i ? "," : "") << v.languages[i];
      line << '}';
    }
    line << '\n';
    buf += line.str();
    if (buf.size() > (1 << 20)) {
      if (PQputCopyData(conn, buf.data(), static_cast<int>(buf.size())) != 1) return PQerrorMessage(conn);
      buf.clear();
    }
  }
  if (!buf.empty() && PQputCopyData(conn, buf.data(), static_cast<int>(buf.size())) != 1)
    return PQerrorMessage(conn);
  if (PQputCopyEnd(conn, nullptr) != 1) return PQerrorMessage(conn);
  r = PQgetResult(conn);
  if (PQresultStatus(r) != PGRES_COMMAND_OK) return res_error(r);
  PQclear(r);
  // A fair SQL plan gets an index for the bounding box of the commute radius, and fresh statistics.
  if (!run(conn,
           "CREATE INDEX jobs_bench_vacancy_lat ON jobs_bench_vacancy (lat, lon); ANALYZE jobs_bench_vacancy",
           &err)) {
    return err;
  }
  return {};
}

std::string pg_top_sql(const Seeker& s, int k, const Weights& w, const Params& p) {
  const detail::Scores nw = detail::normalised(w);
  // Occupation: each wish as a CASE over prefixes (KECO parents are prefixes), best over wishes.
  std::string occ = num(p.occupation_open_score);
  std::string occ_filter = "TRUE";
  if (!s.occupations.empty()) {
    occ = "GREATEST(";
    occ_filter = "left(v.occ, 1) IN (";
    for (std::size_t r = 0; r < s.occupations.size(); ++r) {
      const std::string& o = s.occupations[r];
      std::string c = "CASE WHEN v.occ = " + quote(o) + " THEN 1.0";
      for (int len = 3; len >= 1; --len) {
        if (static_cast<int>(o.size()) < len) continue;
        const double prox = Taxonomy::proximity_for_level(len, false);
        c += " WHEN length(v.occ) >= " + std::to_string(len) + " AND left(v.occ, " + std::to_string(len) +
             ") = " + quote(o.substr(0, static_cast<std::size_t>(len))) + " THEN " + num(prox);
      }
      c += " ELSE 0.0 END";
      const double f = std::max(0.0, 1.0 - p.occupation_rank_penalty * static_cast<double>(r));
      occ += (r ? ", " : "") + std::string("(") + c + ") * " + num(f);
      occ_filter += (r ? ", " : "") + quote(o.substr(0, 1));
    }
    occ += ")";
    occ_filter += ")";
  }
  std::vector<CompetencyId> has = s.competencies;
  const std::string has_arr = "'" + int_array(has) + "'::int[]";
  const std::string comp =
      "CASE WHEN cardinality(v.req) + cardinality(v.pref) = 0 THEN 1.0 ELSE (" + num(p.required_weight) +
      "::float8 * (SELECT count(*) FROM unnest(v.req) x WHERE x = ANY(" + has_arr +
      ")) + (SELECT count(*) FROM unnest(v.pref) "
      "x WHERE x = ANY(" +
      has_arr + "))) / (" + num(p.required_weight) + " * cardinality(v.req) + cardinality(v.pref)) END";
  const int smin = weekly_minutes(s.available);
  const std::string sched = smin > 0 ? "LEAST(1.0, v.vmin::float8 / " + std::to_string(smin) + ")" : "0.0";
  const std::string paid =
      "(CASE WHEN v.vmin >= 2400 THEN 209.0 WHEN v.vmin >= 900 THEN (v.vmin / 60.0 + v.vmin / "
      "300.0) * 4.345 ELSE v.vmin / 60.0 * 4.345 END)";
  const std::string vh =
      "(CASE WHEN v.wage_hourly THEN v.wage_won::float8 ELSE v.wage_won / " + paid + " END)";
  // Her minimum in her unit (a hard filter, as in the engine: pay_in_unit), and the job's pay in that unit.
  std::string eh = "NULL::float8";
  std::string vp = vh;
  if (s.expected) {
    eh = num(static_cast<double>(s.expected->won)) + "::float8";
    if (s.expected->unit == WageUnit::kMonthly)
      vp = "(CASE WHEN v.wage_hourly THEN v.wage_won * " + paid + " ELSE v.wage_won::float8 END)";
  }
  const std::string wage =
      "CASE WHEN m.eh IS NULL OR m.eh <= 0 OR m.vp >= m.eh THEN 1.0 ELSE GREATEST(0.0, 1.0 - (1.0 - "
      "m.vp / m.eh) / " +
      num(p.wage_falloff) + ") END";
  const std::string start = "CASE WHEN abs(m.days) <= " + std::to_string(p.start_grace_days) +
                            " THEN 1.0 WHEN m.days > 0 THEN GREATEST(0.0, "
                            "1.0 - (m.days - " +
                            std::to_string(p.start_grace_days) + ")::float8 / " +
                            std::to_string(p.start_wait_zero_days - p.start_grace_days) +
                            ") ELSE GREATEST(0.0, 1.0 - (-m.days - " + std::to_string(p.start_grace_days) +
                            ")::float8 / " + std::to_string(p.start_late_zero_days - p.start_grace_days) +
                            ") END";
  const std::string minutes = num(p.commute_base_min) +
                              " + 2 * 6371.0088 * asin(sqrt(LEAST(1.0, power(sin(radians(v.lat - " +
                              num(s.home.lat) + ") / 2), 2) + cos(radians(" + num(s.home.lat) +
                              ")) * cos(radians(v.lat)) * power(sin(radians(v.lon - " + num(s.home.lon) +
                              ") / 2), 2)))) * " + num(p.commute_min_per_km);
  const double span = s.max_commute_min - p.commute_base_min;
  const std::string commute = span > 0 ? "GREATEST(0.0, LEAST(1.0, (" + std::to_string(s.max_commute_min) +
                                             " - m.minutes) / " + num(span) + "))"
                                       : "1.0";
  std::string sched_filter = "TRUE";
  for (int d = 0; d < 7; ++d) {
    const std::string sd = "v.s" + std::to_string(d), ed = "v.e" + std::to_string(d);
    if (!s.available[d].on()) {
      sched_filter += " AND " + sd + " IS NULL";
    } else {
      sched_filter += " AND (" + sd + " IS NULL OR (" + sd + " >= " + std::to_string(s.available[d].start) +
                      " AND " + ed + " <= " + std::to_string(s.available[d].end) + "))";
    }
  }
  std::string langs = "ARRAY[";
  for (std::size_t i = 0; i < s.languages.size(); ++i) langs += (i ? "," : "") + quote(s.languages[i]);
  langs += s.languages.empty() ? "]::text[]" : "]";
  const detail::CellRange box = detail::cells_within(s.home, detail::radius_km(s.max_commute_min, p));
  const double lat0 = box.y0 * detail::kCellDegLat, lat1 = (box.y1 + 1) * detail::kCellDegLat;
  const double lon0 = box.x0 * detail::kCellDegLon, lon1 = (box.x1 + 1) * detail::kCellDegLon;

  return "SELECT m.id, " + num(nw[0]) + " * m.occ + " + num(nw[1]) + " * m.comp + " + num(nw[2]) +
         " * m.sched + " + num(nw[3]) + " * " + commute + " + " + num(nw[4]) + " * (" + wage + ") + " +
         num(nw[5]) + " * (" + start + ") AS score FROM (SELECT v.id, " + occ + " AS occ, " + comp +
         " AS comp, " + sched + " AS sched, " + minutes + " AS minutes, " + vp + " AS vp, " + eh +
         " AS eh, v.start_date - DATE '" + format_date(s.available_from) +
         "' AS days FROM jobs_bench_vacancy v WHERE v.lat BETWEEN " + num(lat0) + " AND " + num(lat1) +
         " AND v.lon BETWEEN " + num(lon0) + " AND " + num(lon1) + " AND " + occ_filter + " AND " +
         sched_filter + " AND (v.langs IS NULL OR v.langs <@ " + langs +
         ")) m WHERE m.minutes <= " + std::to_string(s.max_commute_min) + " AND (m.eh IS NULL OR m.vp >= m.eh)" +
         " ORDER BY score DESC, m.id LIMIT " + std::to_string(k);
}

std::vector<VacancyId> pg_top(PGconn* conn, const std::string& sql, std::string* error) {
  std::vector<VacancyId> out;
  PGresult* r = PQexec(conn, sql.c_str());
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    *error = res_error(r);
    return out;
  }
  for (int i = 0; i < PQntuples(r); ++i) out.push_back(std::stoll(PQgetvalue(r, i, 0)));
  PQclear(r);
  return out;
}

}  // namespace dongne::jobs::match::bench
