#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <aperture/catalog/catalog.hpp>
#include <aperture/server/release_summary.hpp>

namespace aperture::server {
namespace {

frameworks::Assessment catalog_assessment(const char* id) {
  const catalog::CatalogEntry* e = catalog::find(id);
  EXPECT_NE(e, nullptr) << id;
  auto r = catalog::read_entry(*e);
  EXPECT_TRUE(r);
  return frameworks::assess_release(std::move(*r));
}

TEST(ReleaseSummaryTest, CommercialUseFromTheLicenseTerms) {
  struct Case {
    const char* id;
    const char* want;
  };
  for (const Case& c : {Case{"llama-3.1-8b", "restricted"}, Case{"olmo-2-7b", "allowed"},
                        Case{"command-r-plus", "forbidden"}}) {
    EXPECT_EQ(commercial_label(catalog_assessment(c.id)), c.want) << c.id;
  }
}

TEST(ReleaseSummaryTest, RecordCarriesTheSummaryColumns) {
  store::ReleaseRecord r =
      release_record(catalog_assessment("llama-3.1-8b"), "llama-3.1-8b", "catalog", "2026-01-01T00:00:00Z");
  EXPECT_EQ(r.licenses, std::vector<std::string>{"LicenseRef-Llama-3.1"});
  EXPECT_EQ(r.level, 3);
  EXPECT_EQ(r.osd, "fail");
  EXPECT_EQ(r.mof, "none");
  auto j = nlohmann::json::parse(r.summary_json);
  EXPECT_EQ(j["level_label"], "open weights under restrictive terms");
  EXPECT_EQ(j["assessed_at"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(j["components"]["model-parameters-final"], "restricted");
  EXPECT_EQ(nlohmann::json::parse(r.scan_json)["target"], "llama-3.1-8b");
}

TEST(ReleaseSummaryTest, IdsFromNames) {
  EXPECT_EQ(id_from_name("Llama 3.1 8B"), "llama-3-1-8b");
  EXPECT_EQ(id_from_name("  --Ünïcode!! Model  "), "n-code-model");
  EXPECT_EQ(id_from_name("???"), "");
  EXPECT_TRUE(valid_release_id("llama-3.1-8b"));
  EXPECT_FALSE(valid_release_id("-x"));
  EXPECT_FALSE(valid_release_id("A"));
  EXPECT_FALSE(valid_release_id("a/b"));
  EXPECT_FALSE(valid_release_id(std::string(129, 'a')));
  EXPECT_EQ(mof_label(1), "class-i");
  EXPECT_EQ(mof_label(0), "none");
}

}  // namespace
}  // namespace aperture::server
