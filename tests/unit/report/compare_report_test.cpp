#include <algorithm>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <aperture/catalog/catalog.hpp>
#include <aperture/report/compare_report.hpp>

namespace aperture::report {
namespace {

frameworks::Assessment assess(const char* id) {
  auto r = catalog::read_entry(*catalog::find(id));
  EXPECT_TRUE(r);
  return frameworks::assess_release(std::move(*r));
}

const CompareRow* row(const std::vector<CompareRow>& rows, std::string_view label) {
  auto it = std::find_if(rows.begin(), rows.end(), [&](const CompareRow& r) { return r.label == label; });
  return it == rows.end() ? nullptr : &*it;
}

TEST(CompareReportTest, TermsOfEachLicenseSideBySide) {
  std::vector<frameworks::Assessment> a = {assess("llama-3.1-8b"), assess("mistral-7b-v0.1")};
  std::vector<CompareRow> rows = compare_rows(a);
  for (const CompareRow& r : rows) {
    ASSERT_EQ(r.values.size(), 2u) << r.label;
  }
  const CompareRow* license = row(rows, "License");
  ASSERT_NE(license, nullptr);
  EXPECT_EQ(license->values, (std::vector<std::string>{"LicenseRef-Llama-3.1", "Apache-2.0"}));
  EXPECT_TRUE(license->differs);
  const CompareRow* users = row(rows, "user threshold");
  ASSERT_NE(users, nullptr);  // Llama 3.1's 700 million monthly active users, cited
  EXPECT_NE(users->values[0].find("700 million"), std::string::npos);
  EXPECT_NE(users->values[0].find("§2"), std::string::npos);
  EXPECT_EQ(users->values[1], "-");
  EXPECT_EQ(users->section, "terms");
}

TEST(CompareReportTest, SameValuesDoNotDiffer) {
  std::vector<frameworks::Assessment> a = {assess("gemma-2-9b"), assess("gemma-3-27b")};
  std::vector<CompareRow> rows = compare_rows(a);
  EXPECT_FALSE(row(rows, "License")->differs);
  EXPECT_FALSE(row(rows, "commercial use")->differs);
  EXPECT_TRUE(row(rows, "Name")->differs);
  EXPECT_EQ(
      std::count_if(rows.begin(), rows.end(), [](const CompareRow& r) { return r.section == "components"; }),
      19);
}

TEST(CompareReportTest, Json) {
  std::vector<frameworks::Assessment> a = {assess("gpt-4o"), assess("olmo-2-7b")};
  nlohmann::json j = nlohmann::json::parse(compare_json(a));
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["releases"][0]["target"], "gpt-4o");
  EXPECT_EQ(j["rows"].size(), compare_rows(a).size());
  EXPECT_EQ(j["rows"][0]["values"].size(), 2u);
}

}  // namespace
}  // namespace aperture::report
