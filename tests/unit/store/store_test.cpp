// The Store contract (src/aperture/store/store.hpp), run over SQLite and, when
// APERTURE_TEST_PG is set, PostgreSQL.
#include <gtest/gtest.h>

#include <aperture/store/migrations.hpp>
#include <aperture/store/store.hpp>
#include <aperture/store/token.hpp>

#include "store_test_support.hpp"

namespace aperture::store {
namespace {

class StoreTest : public testing::BackendTest {
protected:
  ReleasePage list(ReleaseQuery q) {
    auto page = m_store->list_releases(q);
    EXPECT_TRUE(page) << page.error().to_string();
    return page ? *page : ReleasePage{};
  }
};

TEST_P(StoreTest, MigrationsAreIdempotent) {
  auto v = m_store->schema_version();
  ASSERT_TRUE(v) << v.error().to_string();
  EXPECT_EQ(*v, migrations().back().version);
  ASSERT_TRUE(m_store->put_release(testing::sample_record("a")));
  ASSERT_TRUE(m_store->migrate());
  ASSERT_TRUE(m_store->migrate());
  EXPECT_EQ(*m_store->schema_version(), migrations().back().version);
  EXPECT_EQ(list({}).total, 1) << "migrating again must keep the data";
}

TEST_P(StoreTest, HistoryGrowsOnlyWhenTheAssessmentChanges) {
  EXPECT_EQ(*m_store->put_release(testing::sample_record("a", "{\"v\":1}")), PutOutcome::added);
  ReleaseRecord same = testing::sample_record("a", "{\"v\":1}");
  same.assessed_at = "2026-02-01T00:00:00Z";  // a later start, nothing changed
  EXPECT_EQ(*m_store->put_release(same), PutOutcome::unchanged);
  ReleaseRecord changed = testing::sample_record("a", "{\"v\":2}");
  changed.assessed_at = "2026-03-01T00:00:00Z";
  changed.summary_json = "{\"id\":\"a\",\"v\":2}";
  EXPECT_EQ(*m_store->put_release(changed), PutOutcome::changed);

  auto got = m_store->get_release("a");
  ASSERT_TRUE(got && *got);
  const StoredRelease& r = **got;
  ASSERT_EQ(r.history.size(), 2u);
  EXPECT_EQ(r.history[0].assessed_at, "2026-03-01T00:00:00Z");
  EXPECT_EQ(r.history[1].assessed_at, "2026-01-01T00:00:00Z");
  EXPECT_EQ(r.scan_json, "{\"v\":2}");
  EXPECT_EQ(r.summary_json, "{\"id\":\"a\",\"v\":2}");
  EXPECT_EQ(r.input, "input of a");
  EXPECT_EQ(r.source, "submitted");
}

TEST_P(StoreTest, AChangedSummaryColumnIsAChange) {
  ASSERT_TRUE(m_store->put_release(testing::sample_record("a")));
  ReleaseRecord r = testing::sample_record("a");
  r.commercial = "forbidden";  // the same scan JSON, a new reading of the license's terms
  EXPECT_EQ(*m_store->put_release(r), PutOutcome::changed);
  ReleaseQuery q;
  q.commercial = "forbidden";
  EXPECT_EQ(list(q).total, 1);
}

TEST_P(StoreTest, UnknownReleaseIsNullopt) {
  auto got = m_store->get_release("nope");
  ASSERT_TRUE(got);
  EXPECT_FALSE(*got);
  auto source = m_store->source_of("nope");
  ASSERT_TRUE(source);
  EXPECT_FALSE(*source);
}

TEST_P(StoreTest, FiltersCombine) {
  ReleaseRecord a = testing::sample_record("alpha");
  ReleaseRecord b = testing::sample_record("beta");
  b.licenses = {"LicenseRef-Llama-3.1", "MIT"};
  b.level = 3;
  b.commercial = "restricted";
  b.osd = "fail";
  b.mof = "class-iii";
  b.open_washing = true;
  b.source = "catalog";
  ReleaseRecord c = testing::sample_record("gamma");
  c.level.reset();
  c.name = "Gamma 100% Open_Model";
  for (const auto& r : {a, b, c}) {
    ASSERT_TRUE(m_store->put_release(r));
  }
  struct Case {
    const char* name;
    ReleaseQuery query;
    std::int64_t total;
  };
  auto with = [](auto set) {
    ReleaseQuery q;
    set(q);
    return q;
  };
  const Case cases[] = {
      {"all", {}, 3},
      {"license, other case", with([](ReleaseQuery& q) { q.license = "licenseref-llama-3.1"; }), 1},
      {"license shared", with([](ReleaseQuery& q) { q.license = "apache-2.0"; }), 2},
      {"level", with([](ReleaseQuery& q) { q.level = 4; }), 1},
      {"commercial", with([](ReleaseQuery& q) { q.commercial = "restricted"; }), 1},
      {"osd", with([](ReleaseQuery& q) { q.osd = "pass"; }), 2},
      {"mof", with([](ReleaseQuery& q) { q.mof = "class-iii"; }), 1},
      {"source", with([](ReleaseQuery& q) { q.source = "catalog"; }), 1},
      {"open washing", with([](ReleaseQuery& q) { q.open_washing = true; }), 1},
      {"not open washing", with([](ReleaseQuery& q) { q.open_washing = false; }), 2},
      {"text in id", with([](ReleaseQuery& q) { q.text = "ET"; }), 1},
      {"percent is literal", with([](ReleaseQuery& q) { q.text = "100%"; }), 1},
      {"underscore is literal", with([](ReleaseQuery& q) { q.text = "n_m"; }), 1},
      {"lone percent", with([](ReleaseQuery& q) { q.text = "%"; }), 1},
      {"combined", with([](ReleaseQuery& q) {
         q.osd = "pass";
         q.level = 3;
       }),
       0},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(list(c.query).total, c.total) << c.name;
  }
}

TEST_P(StoreTest, PagesAndSorts) {
  for (int i = 0; i < 7; ++i) {
    ReleaseRecord r = testing::sample_record("r" + std::to_string(i));
    r.level = i % 3 == 0 ? std::nullopt : std::optional<int>(i % 5 + 1);
    r.name = std::string(1, static_cast<char>('G' - i)) + " model";
    r.summary_json = "\"" + r.id + "\"";
    ASSERT_TRUE(m_store->put_release(r));
  }
  ReleaseQuery q;
  q.per_page = 3;
  q.page = 3;
  ReleasePage last = list(q);
  EXPECT_EQ(last.total, 7);
  ASSERT_EQ(last.summaries.size(), 1u);
  EXPECT_EQ(last.summaries[0], "\"r6\"");
  q.page = 4;
  EXPECT_TRUE(list(q).summaries.empty());

  ReleaseQuery by_name;
  by_name.sort = SortKey::name;
  EXPECT_EQ(list(by_name).summaries.front(), "\"r6\"");  // "A model"
  ReleaseQuery by_level;
  by_level.sort = SortKey::level;
  ReleasePage levels = list(by_level);
  // levels: r1=2, r2=3, r4=5, r5=1; r0, r3, r6 unknown, last.
  std::vector<std::string> want = {"\"r4\"", "\"r2\"", "\"r1\"", "\"r5\"", "\"r0\"", "\"r3\"", "\"r6\""};
  EXPECT_EQ(levels.summaries, want);
}

TEST_P(StoreTest, InjectionStringsAreJustValues) {
  ASSERT_TRUE(m_store->put_release(testing::sample_record("a")));
  const char* hostile[] = {"' OR '1'='1",
                           "'; DROP TABLE releases; --",
                           "\" OR 1=1 --",
                           "a' UNION SELECT hash FROM api_tokens --",
                           "%' OR 1=1 OR '%'='",
                           "\\'",
                           "?",
                           "$1",
                           "ä' OR 'x'='x"};
  for (const char* h : hostile) {
    ReleaseQuery q;
    q.license = h;
    EXPECT_EQ(list(q).total, 0) << h;
    ReleaseQuery t;
    t.text = h;
    EXPECT_EQ(list(t).total, 0) << h;
    ReleaseQuery s;
    s.commercial = h;
    EXPECT_EQ(list(s).total, 0) << h;
    auto got = m_store->get_release(h);
    ASSERT_TRUE(got) << h;
    EXPECT_FALSE(*got) << h;
    auto token = m_store->has_token(h);
    ASSERT_TRUE(token) << h;
    EXPECT_FALSE(*token) << h;
  }
  EXPECT_EQ(list({}).total, 1) << "the table survived";
}

TEST_P(StoreTest, HostileIdsAndTextsRoundTrip) {
  ReleaseRecord r = testing::sample_record("x'); DROP TABLE releases; --");
  r.name = "Robert'); DROP TABLE releases;-- ?";
  r.input = "it's \"quoted\" ? $1 \\";
  ASSERT_TRUE(m_store->put_release(r));
  auto got = m_store->get_release(r.id);
  ASSERT_TRUE(got && *got);
  EXPECT_EQ((*got)->input, r.input);
  EXPECT_EQ(list({}).total, 1);
}

TEST_P(StoreTest, TokensAreFoundByHashOnly) {
  std::string token = new_token();
  ASSERT_TRUE(m_store->add_token("ci", sha256_hex(token), "2026-01-01T00:00:00Z"));
  EXPECT_TRUE(*m_store->has_token(sha256_hex(token)));
  EXPECT_FALSE(*m_store->has_token(token)) << "the token itself is not stored";
  EXPECT_FALSE(*m_store->has_token(sha256_hex(token + "x")));
  EXPECT_FALSE(*m_store->has_token(""));
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         StoreTest,
                         ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace aperture::store
