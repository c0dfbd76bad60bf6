#include "store/migrations.h"

#include <gtest/gtest.h>

namespace dongne::store {
namespace {

std::vector<std::string> names(const std::vector<Migration>& plan) {
  std::vector<std::string> out;
  for (const auto& m : plan) out.push_back(m.info.module + "/" + m.info.name);
  return out;
}

TEST(PlanMigrations, OrdersStoreThenAuthThenAlphabetical) {
  std::vector<EmbeddedFile> files = {{"booking/migrations/0002_rules.sql", "SELECT 2"},
                                     {"auth/migrations/0001_auth.sql", "SELECT 1"},
                                     {"booking/migrations/0001_resources.sql", "SELECT 1"},
                                     {"alpha/migrations/0001_a.sql", "SELECT 1"},
                                     {"store/migrations/0001_events.sql", "SELECT 1"}};
  auto plan = plan_migrations(files, Dialect::kSqlite);
  ASSERT_TRUE(plan.ok()) << plan.error().message_en;
  EXPECT_EQ(names(plan.value()),
            (std::vector<std::string>{"store/0001_events", "auth/0001_auth", "alpha/0001_a", "booking/0001_resources",
                                      "booking/0002_rules"}));
  EXPECT_EQ(plan.value()[4].info.version, 2);
}

TEST(PlanMigrations, DialectFileReplacesGenericOne) {
  std::vector<EmbeddedFile> files = {{"jobs/migrations/0001_cases.sql", "CREATE TABLE c (id {{id}})"},
                                     {"jobs/migrations/0001_cases.pg.sql", "CREATE TABLE c (id BIGSERIAL)"},
                                     {"jobs/migrations/0002_gist.pg.sql", "CREATE EXTENSION btree_gist"}};
  auto sqlite = plan_migrations(files, Dialect::kSqlite);
  auto pg = plan_migrations(files, Dialect::kPostgres);
  ASSERT_TRUE(sqlite.ok());
  ASSERT_TRUE(pg.ok());
  EXPECT_EQ(sqlite.value()[0].sql, "CREATE TABLE c (id INTEGER PRIMARY KEY AUTOINCREMENT)");
  EXPECT_EQ(pg.value()[0].sql, "CREATE TABLE c (id BIGSERIAL)");
  // A version with only the other dialect's file is still recorded (with nothing to run), keeping versions aligned.
  ASSERT_EQ(sqlite.value().size(), 2u);
  EXPECT_EQ(sqlite.value()[1].sql, "");
  EXPECT_EQ(pg.value()[1].sql, "CREATE EXTENSION btree_gist");
}

TEST(PlanMigrations, RejectsBadNamesDuplicatesAndUnknownMacros) {
  EXPECT_FALSE(plan_migrations({{"jobs/migrations/1_x.sql", ""}}, Dialect::kSqlite).ok());
  EXPECT_FALSE(plan_migrations({{"jobs/migrations/0000_x.sql", ""}}, Dialect::kSqlite).ok());
  EXPECT_FALSE(plan_migrations({{"jobs/0001_x.sql", ""}}, Dialect::kSqlite).ok());
  EXPECT_FALSE(plan_migrations({{"jobs/migrations/0001_a.sql", ""}, {"jobs/migrations/0001_b.sql", ""}},
                               Dialect::kSqlite)
                   .ok());
  auto bad = plan_migrations({{"jobs/migrations/0001_a.sql", "x {{uuid}}"}}, Dialect::kPostgres);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message_en.find("jobs/0001_a"), std::string::npos);
}

TEST(EmbeddedMigrations, IncludeTheStoreEventsFile) {
  bool found = false;
  for (const auto& f : embedded_migration_files()) {
    found = found || std::string(f.path) == "store/migrations/0001_events.sql";
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(plan_migrations(embedded_migration_files(), Dialect::kSqlite).ok());
  EXPECT_TRUE(plan_migrations(embedded_migration_files(), Dialect::kPostgres).ok());
}

}  // namespace
}  // namespace dongne::store

namespace dongne::store {
namespace {

TEST(PlanMigrations, FollowsTableReferencesAndRequires) {
  std::vector<EmbeddedFile> files = {
      {"booking/migrations/0001_booking.sql",
       "CREATE TABLE resources (id {{id}}, facility_id {{bigint}} REFERENCES organisations (id))"},
      {"directory/migrations/0001_directory.sql", "CREATE TABLE organisations (id {{id}})"},
      {"alpha/migrations/0001_a.sql", "-- requires: zulu\nCREATE VIEW v AS SELECT 1"},
      {"zulu/migrations/0001_z.sql", "CREATE TABLE \"Zs\" (id {{id}}); INSERT INTO zs (id) VALUES (1)"},
      {"booking/migrations/0002_more.sql", "ALTER TABLE resources ADD COLUMN x TEXT"}};
  auto plan = plan_migrations(files, Dialect::kPostgres);
  ASSERT_TRUE(plan.ok()) << plan.error().message_en;
  EXPECT_EQ(names(plan.value()), (std::vector<std::string>{"directory/0001_directory", "booking/0001_booking",
                                                           "booking/0002_more", "zulu/0001_z", "alpha/0001_a"}));
}

TEST(PlanMigrations, CyclesAndUnknownRequiresAreErrors) {
  auto cycle = plan_migrations({{"a/migrations/0001_a.sql", "CREATE TABLE a (b_id INTEGER REFERENCES b (id))"},
                                {"b/migrations/0001_b.sql", "CREATE TABLE b (a_id INTEGER REFERENCES a (id))"}},
                               Dialect::kSqlite);
  ASSERT_FALSE(cycle.ok());
  EXPECT_NE(cycle.error().message_en.find("cycle"), std::string::npos);
  EXPECT_FALSE(plan_migrations({{"a/migrations/0001_a.sql", "-- requires: nowhere\nSELECT 1"}}, Dialect::kSqlite).ok());
}

}  // namespace
}  // namespace dongne::store
