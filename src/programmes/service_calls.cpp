// Calls, proposals, review and selection (see service.h).
#include <set>

#include "core/sha256.h"
#include "programmes/repo.h"
#include "programmes/service.h"
#include "programmes/service_util.h"

namespace dongne::programmes {

using namespace detail;  // NOLINT(google-build-using-namespace): this room's own helpers

namespace {

// RFC 4648 base64 with padding; nullopt for anything else.
std::optional<std::string> decode_base64(const std::string& in) {
  if (in.size() % 4 != 0) return std::nullopt;
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  out.reserve(in.size() / 4 * 3);
  for (size_t i = 0; i < in.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = in[i + static_cast<size_t>(k)];
      if (c == '=' && i + 4 == in.size() && k >= 2) { v[k] = 0; ++pad; continue; }
      if (pad > 0 || (v[k] = val(c)) < 0) return std::nullopt;
    }
    const uint32_t n = (static_cast<uint32_t>(v[0]) << 18) | (static_cast<uint32_t>(v[1]) << 12) |
                       (static_cast<uint32_t>(v[2]) << 6) | static_cast<uint32_t>(v[3]);
    out.push_back(static_cast<char>(n >> 16));
    if (pad < 2) out.push_back(static_cast<char>((n >> 8) & 0xFF));
    if (pad < 1) out.push_back(static_cast<char>(n & 0xFF));
  }
  return out;
}

}  // namespace


bool ProgrammeService::is_city_staff(const Principal& p, int64_t city_or_district) {
  return p.covers(Role::kCityOfficer, city_or_district);
}

bool ProgrammeService::is_district(const Principal& p, int64_t district_id) {
  return p.covers(Role::kDistrictOfficer, district_id);
}

bool ProgrammeService::acts_for_district(const Principal& p, int64_t district_id) {
  return is_district(p, district_id) || is_city_staff(p, district_id);
}

Result<CallRecord> ProgrammeService::create_call(const Principal& p, CallRecord c) {
  if (!p.has(Role::kCityOfficer) && !p.has(Role::kAdmin)) return not_city();
  std::vector<FieldError> errs;
  auto bad = [&](std::string f, std::string code, std::string ko, std::string en) {
    errs.push_back({std::move(f), std::move(code), std::move(ko), std::move(en)});
  };
  if (c.year < 2000 || c.year > 2100) bad("year", "range", "연도가 올바르지 않습니다", "year out of range");
  if (c.envelope_won <= 0) bad("envelope_won", "range", "예산 총액은 0보다 커야 합니다", "the envelope must be positive");
  if (c.city_share_pct < 1 || c.city_share_pct > 100)
    bad("city_share_pct", "range", "시 분담 비율은 1~100%입니다", "the city's share is 1-100 %");
  if (c.min_score < 0 || c.min_score > 100) bad("min_score", "range", "최저 점수는 0~100점입니다", "the minimum score is 0-100");
  if (c.criteria.empty()) bad("criteria", "required", "심사 기준이 하나 이상 필요합니다", "at least one review criterion");
  std::set<std::string> keys;
  for (size_t i = 0; i < c.criteria.size(); ++i) {
    const auto& k = c.criteria[i];
    const std::string f = "criteria[" + std::to_string(i) + "]";
    if (k.key.empty() || !keys.insert(k.key).second)
      bad(f + ".key", "unique", "기준 키는 비어 있지 않고 서로 달라야 합니다", "criterion keys must be unique and non-empty");
    if (k.weight < 1 || k.weight > 100) bad(f + ".weight", "range", "가중치는 1~100입니다", "weights are 1-100");
    if (k.max_score < 1 || k.max_score > 100) bad(f + ".max_score", "range", "만점은 1~100점입니다", "the maximum score is 1-100");
    if (k.name_ko.empty()) bad(f + ".name_ko", "required", "기준 이름이 필요합니다", "the criterion needs a name");
  }
  for (size_t i = 0; i < c.required_fields.size(); ++i) {
    bool known = false;
    for (const char* f : kRequirableFields) known = known || c.required_fields[i] == f;
    if (!known) bad("required_fields[" + std::to_string(i) + "]", "unknown", "알 수 없는 필수 항목입니다", "unknown proposal field");
  }
  if (!c.demo && !c.entered_late && c.deadline <= clock_.now_ms())
    bad("deadline", "future", "마감은 앞으로의 시각이어야 합니다", "the deadline must be in the future");
  if (!errs.empty()) return Error::invalid("공모 내용을 확인해 주세요", "check the call", std::move(errs));
  if (c.city_id == 0) {
    for (const auto& g : p.grants) {
      if (g.role == Role::kCityOfficer && g.scope_kind == "city") c.city_id = g.scope_id;
    }
    if (c.city_id == 0) return Error::field("city_id", "required", "시를 지정해 주세요", "name the city (city_id)");
  } else if (!is_city_staff(p, c.city_id)) {
    return not_city();
  }
  c.created_at = clock_.now_ms();
  c.status = "open";
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto city, tx.query("SELECT id FROM organisations WHERE id = ? AND kind = 'city'", {c.city_id}));
    if (city.empty()) return Error::field("city_id", "unknown", "그런 시가 없습니다", "no such city");
    DONGNE_ASSIGN_OR_RETURN(auto dup, tx.query("SELECT id FROM programme_calls WHERE city_id = ? AND year = ?",
                                               {c.city_id, int64_t{c.year}}));
    if (!dup.empty()) return Error::conflict("그 해의 공모가 이미 있습니다", "a call for that year exists", "duplicate_call");
    DONGNE_ASSIGN_OR_RETURN(c.id, repo::insert_call(tx, c, p.user_id));
    return to_status(tx.append_event({"programmes.call_opened", "programme_call", std::to_string(c.id),
                                      ids_payload({{"call_id", c.id}, {"city_id", c.city_id}, {"year", c.year}}).dump(),
                                      p.user_id}));
  }));
  return c;
}

Result<std::vector<CallRecord>> ProgrammeService::calls() {
  std::vector<CallRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::list_calls(tx));
    return ok_status();
  }));
  return out;
}

Result<CallRecord> ProgrammeService::call(int64_t id) {
  std::optional<CallRecord> c;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(c, repo::find_call(tx, id));
    return ok_status();
  }));
  if (!c) return no_call();
  return std::move(*c);
}

Status ProgrammeService::check_proposal_input(store::Tx& tx, const CallRecord& c, const ProposalRecord& r) const {
  std::vector<FieldError> errs;
  auto bad = [&](std::string f, std::string code, std::string ko, std::string en) {
    errs.push_back({std::move(f), std::move(code), std::move(ko), std::move(en)});
  };
  DONGNE_ASSIGN_OR_RETURN(auto district, repo::find_district(tx, r.district_id));
  if (!district || district->city_id != c.city_id)
    bad("district_id", "unknown", "이 공모의 시에 속한 구·군이 아닙니다", "not a district of this call's city");
  if (r.target_groups.empty()) bad("target_groups", "required", "대상 집단을 하나 이상 고르세요", "choose at least one target group");
  for (size_t i = 0; i < r.target_groups.size(); ++i) {
    if (!is_target_group(r.target_groups[i]))
      bad("target_groups[" + std::to_string(i) + "]", "unknown", "알 수 없는 대상 집단입니다", "unknown target group");
  }
  const int64_t total = r.budget_won();
  if (total <= 0) bad("city_share_won", "required", "사업비를 입력하세요", "enter the budget request");
  if (r.city_share_won > c.envelope_won) {
    bad("city_share_won", "over_envelope", "시비 요청액이 공모 예산 총액(" + won(c.envelope_won) + "원)을 넘습니다",
        "the city share exceeds the call's envelope of " + won(c.envelope_won) + " won");
  } else if (total > 0) {
    // The city pays city_share_pct of the budget; one percentage point of rounding either way is accepted.
    const int64_t diff = r.city_share_won * 100 - total * c.city_share_pct;
    if (diff > total || diff < -total) {
      bad("city_share_won", "ratio",
          "시비와 구비의 비율이 공모의 분담 비율(시 " + std::to_string(c.city_share_pct) + "%)과 다릅니다",
          "the split differs from the call's co-funding ratio (city " + std::to_string(c.city_share_pct) + " %)");
    }
  }
  std::set<std::string> months;
  for (size_t i = 0; i < r.monthly_targets.size(); ++i) {
    const auto& t = r.monthly_targets[i];
    const std::string f = "monthly_targets[" + std::to_string(i) + "]";
    auto d = parse_date(t.month + "-01");
    if (t.month.size() != 7 || !d.ok() || d->year != c.year) {
      bad(f + ".month", "format", std::to_string(c.year) + "년의 YYYY-MM이어야 합니다",
          "must be a YYYY-MM of " + std::to_string(c.year));
    } else if (!months.insert(t.month).second) {
      bad(f + ".month", "unique", "같은 달이 두 번 있습니다", "the month appears twice");
    }
    if (t.jobs < 0 || t.jobs > 100000) bad(f + ".jobs", "range", "0 이상이어야 합니다", "must be 0 or more");
    if (t.outputs < 0 || t.outputs > 10000000) bad(f + ".outputs", "range", "0 이상이어야 합니다", "must be 0 or more");
  }
  if (!errs.empty()) return Error::invalid("제안 내용을 확인해 주세요", "check the proposal", std::move(errs));
  return ok_status();
}

Result<ProposalRecord> ProgrammeService::create_proposal(const Principal& p, ProposalRecord r) {
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_call(tx, r.call_id));
    if (!c) return no_call();
    if (r.district_id == 0) {
      for (const auto& g : p.grants) {
        if (g.role == Role::kDistrictOfficer && g.scope_kind == "district") r.district_id = g.scope_id;
      }
    }
    if (r.district_id != 0 && !is_district(p, r.district_id)) return not_district();
    DONGNE_TRY(check_proposal_input(tx, *c, r));
    if (c->status != "open") return Error::conflict("이미 결과가 발표된 공모입니다", "the call's results are published", "call_closed");
    if (past(*c, now) && !r.demo && !c->entered_late) return deadline_passed(*c);
    r.status = "draft";
    r.created_at = r.updated_at = now;
    DONGNE_ASSIGN_OR_RETURN(r.id, repo::insert_proposal(tx, r, p.user_id));
    return to_status(tx.append_event({"programmes.proposal_drafted", "programme_proposal", std::to_string(r.id),
                                      ids_payload({{"proposal_id", r.id}, {"call_id", r.call_id}, {"district_id", r.district_id}}).dump(),
                                      p.user_id}));
  }));
  return r;
}

Result<ProposalRecord> ProgrammeService::update_proposal(const Principal& p, ProposalRecord r) {
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto old, repo::find_proposal(tx, r.id));
    if (!old) return no_proposal();
    if (!is_district(p, old->district_id)) return not_district();
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_call(tx, old->call_id));
    r.call_id = old->call_id;
    r.district_id = old->district_id;
    DONGNE_TRY(check_proposal_input(tx, *c, r));
    if (old->status != "draft" && old->status != "returned")
      return Error::conflict("작성 중이거나 보완 요청된 제안만 고칠 수 있습니다", "only a draft or a returned proposal can be edited",
                             "not_editable");
    // A proposal the city sent back may be revised after the deadline, until the results are published.
    if (past(*c, now) && old->status != "returned") return deadline_passed(*c);
    if (c->status != "open") return Error::conflict("결과가 발표된 공모입니다", "results are published", "call_closed");
    r.status = old->status;
    r.return_note = old->return_note;
    r.submitted_at = old->submitted_at;
    r.created_at = old->created_at;
    r.updated_at = now;
    r.attachments = old->attachments;
    DONGNE_TRY(repo::update_proposal(tx, r));
    return to_status(tx.append_event({"programmes.proposal_edited", "programme_proposal", std::to_string(r.id),
                                      ids_payload({{"proposal_id", r.id}, {"call_id", r.call_id}}).dump(), p.user_id}));
  }));
  return r;
}

// A district reads its own proposals; its city and the call's assigned reviewers every one but drafts.
Status ProgrammeService::may_read(const Principal& p, const ProposalRecord& r) const {
  if (is_district(p, r.district_id)) return ok_status();
  if (r.status != "draft" && is_city_staff(p, r.district_id)) return ok_status();
  bool reviewer = false;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT 1 FROM programme_reviewers WHERE call_id = ? AND user_id = ?",
                                                {r.call_id, p.user_id}));
    reviewer = !rows.empty();
    return ok_status();
  }));
  if (!reviewer || r.status == "draft") return not_district();
  return ok_status();
}

Result<ProposalRecord> ProgrammeService::proposal(const Principal& p, int64_t id) {
  std::optional<ProposalRecord> r;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(r, repo::find_proposal(tx, id));
    return ok_status();
  }));
  if (!r) return no_proposal();
  DONGNE_TRY(may_read(p, *r));
  return std::move(*r);
}

Result<std::vector<ProposalRecord>> ProgrammeService::proposals(const Principal& p, int64_t call_id) {
  std::vector<ProposalRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_call(tx, call_id));
    if (!c) return no_call();
    DONGNE_ASSIGN_OR_RETURN(auto all, repo::proposals_of_call(tx, call_id));
    DONGNE_ASSIGN_OR_RETURN(auto assigned, tx.query("SELECT 1 FROM programme_reviewers WHERE call_id = ? AND user_id = ?",
                                                    {call_id, p.user_id}));
    for (auto& r : all) {
      // A district sees its own; reviewers and the call's city see every submitted proposal.
      const bool mine = is_district(p, r.district_id);
      const bool reviewer = is_city_staff(p, c->city_id) || !assigned.empty();
      if (mine || (reviewer && r.status != "draft")) out.push_back(std::move(r));
    }
    return ok_status();
  }));
  return out;
}

namespace {

// Moves a proposal from one of `from` to `to` inside a transaction, with an event.
template <typename Check>
Result<ProposalRecord> transition(store::Database& db, const Clock& clock, const Principal& p, int64_t id,
                                  std::initializer_list<const char*> from, const std::string& to, const char* event,
                                  Check check, const std::string* note = nullptr) {
  std::optional<ProposalRecord> out;
  DONGNE_TRY(db.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::find_proposal(tx, id));
    if (!r) return no_proposal();
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_call(tx, r->call_id));
    DONGNE_TRY(check(tx, *c, *r));
    bool allowed = false;
    for (const char* f : from) allowed = allowed || r->status == f;
    if (!allowed) {
      return Error::conflict("지금 상태(" + r->status + ")에서는 할 수 없습니다",
                             "not possible while the proposal is " + r->status, "illegal_transition");
    }
    r->status = to;
    if (note) r->return_note = *note;
    r->updated_at = clock.now_ms();
    if (to == "submitted") r->submitted_at = r->updated_at;
    DONGNE_TRY(repo::update_proposal(tx, *r));
    DONGNE_TRY(tx.append_event({event, "programme_proposal", std::to_string(id),
                                ids_payload({{"proposal_id", id}, {"call_id", r->call_id}, {"district_id", r->district_id}}).dump(),
                                p.user_id}));
    out = std::move(r);
    return ok_status();
  }));
  return std::move(*out);
}

}  // namespace

Result<ProposalRecord> ProgrammeService::submit(const Principal& p, int64_t id) {
  const EpochMs now = clock_.now_ms();
  return transition(db_, clock_, p, id, {"draft", "returned"}, "submitted", "programmes.proposal_submitted",
                    [&](store::Tx&, const CallRecord& c, const ProposalRecord& r) -> Status {
                      if (!is_district(p, r.district_id)) return not_district();
                      std::vector<FieldError> errs;
                      for (const auto& f : c.required_fields) {
                        const bool missing = (f == "summary" && r.summary.empty()) ||
                                             (f == "implementing_org" && r.implementing_org.empty()) ||
                                             (f == "monthly_targets" && r.monthly_targets.empty()) ||
                                             (f == "attachments" && r.attachments.empty()) ||
                                             (f == "output_kind" && r.output_kind.empty());
                        if (missing) errs.push_back({f, "required", "이 공모는 이 항목을 요구합니다", "this call requires this field"});
                      }
                      if (!errs.empty()) return Error::invalid("필수 항목이 빠졌습니다", "required fields are missing", std::move(errs));
                      if (past(c, now) && !r.demo && !c.entered_late && r.status != "returned") return deadline_passed(c);
                      if (c.status != "open") return Error::conflict("결과가 발표된 공모입니다", "results are published", "call_closed");
                      return ok_status();
                    });
}

Result<ProposalRecord> ProgrammeService::withdraw(const Principal& p, int64_t id) {
  return transition(db_, clock_, p, id, {"draft", "submitted", "returned"}, "withdrawn", "programmes.proposal_withdrawn",
                    [&](store::Tx&, const CallRecord& c, const ProposalRecord& r) -> Status {
                      if (!is_district(p, r.district_id)) return not_district();
                      if (c.status != "open") return Error::conflict("결과가 발표된 뒤에는 철회할 수 없습니다",
                                                                     "results are published", "call_closed");
                      return ok_status();
                    });
}

Result<ProposalRecord> ProgrammeService::send_back(const Principal& p, int64_t id, const std::string& note) {
  if (note.empty()) return Error::field("note", "required", "보완 요청 사유를 적어 주세요", "say what to revise");
  return transition(
      db_, clock_, p, id, {"submitted"}, "returned", "programmes.proposal_returned",
      [&](store::Tx&, const CallRecord& c, const ProposalRecord&) -> Status {
        if (!is_city_staff(p, c.city_id)) return not_city();
        if (c.status != "open") return Error::conflict("결과가 발표된 공모입니다", "results are published", "call_closed");
        return ok_status();
      },
      &note);
}

Result<AttachmentMeta> ProgrammeService::add_attachment(const Principal& p, int64_t proposal_id, const std::string& name,
                                                        const std::string& media_type, const std::string& base64) {
  static const std::set<std::string> kTypes = {"application/pdf", "application/x-hwp", "application/haansofthwp",
                                               "application/vnd.hancom.hwpx", "image/png", "image/jpeg",
                                               "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
  AttachmentMeta a;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::find_proposal(tx, proposal_id));
    if (!r) return no_proposal();
    if (!is_district(p, r->district_id)) return not_district();
    std::vector<FieldError> errs;
    if (name.empty() || name.size() > 200 || name.find('/') != std::string::npos)
      errs.push_back({"name", "format", "파일 이름이 올바르지 않습니다", "invalid file name"});
    if (!kTypes.count(media_type))
      errs.push_back({"media_type", "unsupported", "PDF, HWP, DOCX, XLSX, PNG, JPEG만 받습니다",
                      "only PDF, HWP, DOCX, XLSX, PNG and JPEG"});
    auto bytes = decode_base64(base64);
    if (!bytes || bytes->empty()) errs.push_back({"content_base64", "format", "base64가 아닙니다", "not base64"});
    const int64_t size = bytes ? static_cast<int64_t>(bytes->size()) : 0;
    if (size > 2 * 1024 * 1024) errs.push_back({"content_base64", "too_large", "2MB까지 받습니다", "at most 2 MB"});
    if (!errs.empty()) return Error::invalid("첨부 파일을 확인해 주세요", "check the attachment", std::move(errs));
    if (r->status != "draft" && r->status != "returned")
      return Error::conflict("제출된 제안에는 파일을 더할 수 없습니다", "the proposal is no longer editable", "not_editable");
    a = {0, name, media_type, to_hex(sha256(*bytes)), size};
    DONGNE_ASSIGN_OR_RETURN(a.id, repo::insert_attachment(tx, proposal_id, a, base64, p.user_id, clock_.now_ms()));
    return to_status(tx.append_event({"programmes.attachment_added", "programme_proposal", std::to_string(proposal_id),
                                      ids_payload({{"proposal_id", proposal_id}, {"attachment_id", a.id}}).dump(), p.user_id}));
  }));
  return a;
}

Result<std::pair<AttachmentMeta, std::string>> ProgrammeService::attachment(const Principal& p, int64_t id) {
  std::optional<std::pair<AttachmentMeta, int64_t>> a;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(a, repo::find_attachment(tx, id));
    return ok_status();
  }));
  if (!a) return Error::not_found("첨부 파일이 없습니다", "no such attachment");
  DONGNE_ASSIGN_OR_RETURN(ProposalRecord r, proposal(p, a->second));
  std::string content;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(content, repo::attachment_content(tx, id));
    return ok_status();
  }));
  return std::make_pair(a->first, std::move(content));
}

}  // namespace dongne::programmes
