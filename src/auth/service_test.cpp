// AuthService against real stores: SQLite always, PostgreSQL when DONGNE_PG is set (scripts/with-postgres.sh).
#include "auth/service.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "auth/passwords.h"
#include "auth/repo.h"

namespace dongne::auth {
namespace {

class AuthServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(init_crypto());
    std::string url;
    if (GetParam() == "sqlite") {
      dir_ = std::filesystem::temp_directory_path() / ("dongne-auth-" + std::to_string(::getpid()) + "-" +
                                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      url = "sqlite:" + (dir_ / "t.db").string();
    } else {
      const char* pg = std::getenv("DONGNE_PG");
      if (pg == nullptr) GTEST_SKIP() << "DONGNE_PG not set (run through scripts/with-postgres.sh)";
      url = pg;
      auto admin = store::open_database(url);
      ASSERT_TRUE(admin.ok());
      db_name_ = "auth_t_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++);
      std::string cmd = "psql \"" + url + "\" -q -c 'CREATE DATABASE " + db_name_ + "' >/dev/null";
      ASSERT_EQ(std::system(cmd.c_str()), 0);
      url += " dbname=" + db_name_;
    }
    auto db = store::open_database(url);
    ASSERT_TRUE(db.ok()) << db.error().message_en;
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->migrate().ok());
    AuthOptions opt;
    opt.cookie_ttl_ms = 60'000;
    opt.throttle.login.free_failures = 8;
    service_ = std::make_unique<AuthService>(*db_, clock_, opt);
  }
  void TearDown() override {
    service_.reset();
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  Registration reg(const std::string& email) {
    Registration r;
    r.name = "테스트";
    r.email = email;
    r.password = "a-good-long-password";
    return r;
  }

  static inline int counter_ = 0;
  std::filesystem::path dir_;
  std::string db_name_;
  ManualClock clock_{1'800'000'000'000};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<AuthService> service_;
};

TEST_P(AuthServiceTest, RegistersAndSignsIn) {
  auto u = service_->register_resident(reg("a@example.kr"));
  ASSERT_TRUE(u.ok()) << u.error().message_en;
  EXPECT_TRUE(u->password_hash.rfind("$argon2id$", 0) == 0) << "stored as argon2id";
  auto login = service_->login("A@Example.kr", "a-good-long-password", SessionKind::kCookie, {"127.0.0.1", "", "test"});
  ASSERT_TRUE(login.ok());
  auto p = service_->authenticate(login->token, false);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->user_id, u->id);
  EXPECT_TRUE(p->has(Role::kResident));
  auto dup = service_->register_resident(reg("a@example.kr"));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, Code::kConflict);
}

TEST_P(AuthServiceTest, SessionsExpireAndLogoutEndsThem) {
  ASSERT_TRUE(service_->register_resident(reg("b@example.kr")).ok());
  auto login = service_->login("b@example.kr", "a-good-long-password", SessionKind::kCookie, {});
  ASSERT_TRUE(login.ok());
  clock_.advance(59'000);
  EXPECT_TRUE(service_->authenticate(login->token, false).ok());
  clock_.advance(2'000);
  auto expired = service_->authenticate(login->token, false);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().reason, "session_expired");

  auto again = service_->login("b@example.kr", "a-good-long-password", SessionKind::kBearer, {});
  ASSERT_TRUE(again.ok());
  auto p = service_->authenticate(again->token, true);
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(service_->logout(p.value()).ok());
  EXPECT_FALSE(service_->authenticate(again->token, true).ok());
}

TEST_P(AuthServiceTest, AStrangersFailuresSlowTheStrangerDownButNeverLockTheOwnerOut) {
  ASSERT_TRUE(service_->register_resident(reg("c@example.kr")).ok());
  const std::string good = "a-good-long-password";
  ClientSignals stranger{"203.0.113.9", "", ""};
  for (int i = 0; i < 5; ++i) {
    auto r = service_->login("c@example.kr", "wrong-password-x", SessionKind::kCookie, stranger);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Code::kUnauthenticated) << i;
  }
  // The stranger now waits 30 s, even with the right password...
  auto waiting = service_->login("c@example.kr", good, SessionKind::kCookie, stranger);
  ASSERT_FALSE(waiting.ok());
  EXPECT_EQ(waiting.error().code, Code::kTooMany);
  EXPECT_EQ(waiting.error().reason, "signin_throttled");
  ASSERT_EQ(waiting.error().extensions.size(), 1u);
  EXPECT_EQ(waiting.error().extensions[0], (std::pair<std::string, std::string>{"retry_after_s", "30"}));
  // ...but the owner, elsewhere, signs in at once, and her browser is trusted from then on.
  auto owner = service_->login("c@example.kr", good, SessionKind::kCookie, {"198.51.100.7", "", ""});
  ASSERT_TRUE(owner.ok()) << owner.error().message_en;
  ASSERT_FALSE(owner->device_token.empty());
  ClientSignals owners_browser{"198.51.100.7", owner->device_token, ""};

  // Strangers from many addresses reach the per-login limit (8 here): every untrusted client of this login waits,
  // her trusted browser does not.
  for (int i = 0; i < 8; ++i)
    (void)service_->login("c@example.kr", "wrong-password-x", SessionKind::kCookie,
                          {"192.0.2." + std::to_string(10 + i), "", ""});
  auto new_browser = service_->login("c@example.kr", good, SessionKind::kCookie, {"198.51.100.8", "", ""});
  ASSERT_FALSE(new_browser.ok());
  EXPECT_EQ(new_browser.error().code, Code::kTooMany);
  auto again = service_->login("c@example.kr", good, SessionKind::kCookie, owners_browser);
  ASSERT_TRUE(again.ok()) << again.error().message_en;
  EXPECT_EQ(again->device_token, owner->device_token) << "the same cookie, given again";

  // A browser trusted for one account is a stranger to another until it signs in there; then it keeps its cookie,
  // trusted for both. A cookie this server never issued is replaced.
  ASSERT_TRUE(service_->register_resident(reg("c2@example.kr")).ok());
  auto other = service_->login("c2@example.kr", good, SessionKind::kCookie, owners_browser);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->device_token, owner->device_token);
  auto forged = service_->login("c2@example.kr", good, SessionKind::kCookie, {"198.51.100.7", "made-up", ""});
  ASSERT_TRUE(forged.ok());
  EXPECT_NE(forged->device_token, "made-up");

  // The trusted browser's own failures are counted on their own, and waited out like anyone's.
  for (int i = 0; i < 5; ++i)
    (void)service_->login("c@example.kr", "wrong-password-x", SessionKind::kCookie, owners_browser);
  auto slowed = service_->login("c@example.kr", good, SessionKind::kCookie, owners_browser);
  ASSERT_FALSE(slowed.ok());
  EXPECT_EQ(slowed.error().code, Code::kTooMany);
  clock_.advance(31'000);
  EXPECT_TRUE(service_->login("c@example.kr", good, SessionKind::kCookie, owners_browser).ok());
  // Nothing lasts: after a quiet spell the stranger's counts are forgotten too.
  clock_.advance(16 * 60'000);
  EXPECT_TRUE(service_->login("c@example.kr", good, SessionKind::kCookie, stranger).ok());
}

TEST_P(AuthServiceTest, UnknownLoginsFailLikeWrongPasswords) {
  auto r = service_->login("nobody@example.kr", "whatever-password", SessionKind::kCookie, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kUnauthenticated);
  EXPECT_EQ(r.error().reason, "bad_credentials");
}

TEST_P(AuthServiceTest, PasswordChangeEndsOtherSessions) {
  ASSERT_TRUE(service_->register_resident(reg("d@example.kr")).ok());
  auto s1 = service_->login("d@example.kr", "a-good-long-password", SessionKind::kCookie, {});
  auto s2 = service_->login("d@example.kr", "a-good-long-password", SessionKind::kBearer, {});
  ASSERT_TRUE(s1.ok() && s2.ok());
  auto p1 = service_->authenticate(s1->token, false);
  ASSERT_TRUE(service_->change_password(p1.value(), "a-good-long-password", "another-long-password").ok());
  EXPECT_TRUE(service_->authenticate(s1->token, false).ok());
  EXPECT_FALSE(service_->authenticate(s2->token, true).ok());
  EXPECT_TRUE(service_->login("d@example.kr", "another-long-password", SessionKind::kCookie, {}).ok());
}

TEST_P(AuthServiceTest, AdminWorkIsAuditedAndPersonalReadsAreLogged) {
  auto admin = service_->ensure_account("admin", "admin@example.kr", "admin-password-1", "staff",
                                        {Grant{Role::kAdmin, "", 0, ""}}, std::nullopt);
  ASSERT_TRUE(admin.ok());
  auto again = service_->ensure_account("admin", "admin@example.kr", "admin-password-1", "staff",
                                        {Grant{Role::kAdmin, "", 0, ""}}, std::nullopt);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, admin->id) << "ensure_account is idempotent";
  EXPECT_EQ(again->grants.size(), 1u);
  Principal ap{admin->id, "admin", "ko", admin->grants, 0, true};
  StaffAccount s;
  s.name = "상담사";
  s.email = "c2@example.kr";
  s.grants = {Grant{Role::kCounsellor, "centre", 3, ""}};
  auto created = service_->create_staff(ap, s);
  ASSERT_TRUE(created.ok());
  EXPECT_GE(created->second.size(), 10u) << "a generated initial password is returned once";
  ASSERT_TRUE(service_->read_user(ap, created->first.id, "test", "checking").ok());
  auto audit = service_->audit(INT64_MAX, 10);
  ASSERT_TRUE(audit.ok());
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ(audit->front().action, "user.created");
  auto log = service_->access_log(AccessFilter{});
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 1u);
  const AccessRead& read = (*log)[0].read;
  EXPECT_EQ(read.reason, "checking");
  EXPECT_EQ(read.kind, "account");
  EXPECT_EQ(read.record, std::to_string(created->first.id));
  EXPECT_EQ(read.subject_user, created->first.id);
  EXPECT_TRUE(read.allowed);
  AccessFilter others;
  others.reader = ap.user_id + 1000;
  EXPECT_TRUE(service_->access_log(others)->empty()) << "filtered by reader";
}

INSTANTIATE_TEST_SUITE_P(Stores, AuthServiceTest, ::testing::Values("sqlite", "postgresql"));

TEST(Passwords, HashesVerifyAndTokensAreRandom) {
  ASSERT_TRUE(init_crypto());
  auto h = hash_password("p@ss-word-1234");
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(verify_password(h.value(), "p@ss-word-1234"));
  EXPECT_FALSE(verify_password(h.value(), "p@ss-word-1235"));
  EXPECT_FALSE(verify_password("garbage", "x"));
  EXPECT_NE(new_token(), new_token());
  EXPECT_EQ(new_token().size(), 43u);
  EXPECT_EQ(token_hash("a").size(), 64u);
  EXPECT_FALSE(check_password_strength("short", "p").ok());
  EXPECT_FALSE(check_password_strength(std::string(12, 'a'), "p").ok());
  EXPECT_TRUE(check_password_strength("long-enough-pass", "p").ok());
  EXPECT_EQ(normalise_login(" 010-1234-5678 "), "01012345678");
  EXPECT_EQ(normalise_login("Kim@Example.kr"), "kim@example.kr");
}

// The account's JSON is written by hand (JsonWriter): the same document nlohmann wrote, keys in name order.
TEST(UserJson, SameDocumentAsBefore) {
  User u;
  u.id = 7;
  u.name = "김\"동네\"";
  u.phone = "010-1234-5678";
  u.locale = "ko";
  u.kind = "staff";
  u.created_at = 1'767'225'600'000;
  u.grants = {Grant{Role::kFacilityManager, "facility", 3, "가호동 나눔터", 11}};
  const nlohmann::json want = {{"id", 7},
                               {"name", "김\"동네\""},
                               {"email", nullptr},
                               {"phone", "010-1234-5678"},
                               {"locale", "ko"},
                               {"district_code", nullptr},
                               {"kind", "staff"},
                               {"disabled", false},
                               {"created_at", format_rfc3339(u.created_at)},
                               {"roles", {{{"id", 11}, {"role", "facility_manager"}, {"scope_kind", "facility"},
                                           {"scope_id", 3}, {"scope_name", "가호동 나눔터"}}}}};
  EXPECT_EQ(user_json_text(u), want.dump());
  EXPECT_EQ(to_json(u), want);
}

}  // namespace
}  // namespace dongne::auth
