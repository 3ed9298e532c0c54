// Tests src/aperture/decide/sarif.cpp: the log's structure against SARIF
// 2.1.0 (required properties and their types, §3.13 sarifLog, §3.14 run,
// §3.19 tool, §3.49 reportingDescriptor, §3.27 result, §3.28 location) and
// what GitHub code scanning needs (a location on every result).
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <aperture/decide/sarif.hpp>

namespace aperture::decide {
namespace {

using nlohmann::json;

std::vector<Decision> sample() {
  Decision blocked;
  blocked.target = "models/orca";
  blocked.name = "orca";
  blocked.license = "CC-BY-NC-4.0";
  blocked.verdict = Verdict::blocked;
  blocked.checks = {
      Check{"license", Verdict::allowed, "the weights are licensed under CC-BY-NC-4.0", {}},
      Check{"commercial",
            Verdict::blocked,
            "CC-BY-NC-4.0 forbids commercial use",
            {Cite{"https://creativecommons.org/licenses/by-nc/4.0/legalcode", "2(a)(1)",
                  "NonCommercial purposes only", "README.md", 3}}},
      Check{"deny-terms:field-of-use", Verdict::unknown, "no reading", {}},
  };
  blocked.obligations = {
      Obligation{"credit", "CC-BY-NC-4.0", "credit the creators",
                 Cite{"https://creativecommons.org/", "3(a)", "q", "my dir/README.md", 0}}};
  Decision api;
  api.target = "gpt-4o";
  api.verdict = Verdict::blocked;
  api.checks = {
      Check{"on-prem", Verdict::blocked, "API-only", {Cite{"", "", "", "data/catalog/gpt-4o.yaml", 16}}}};
  return {blocked, api};
}

TEST(SarifTest, HasTheRequiredStructure) {
  Policy policy;
  policy.path = ".aperture-policy.yaml";
  json log = json::parse(sarif_log(sample(), policy, SarifOptions{"0.1.0", {"models/orca", ""}}));
  EXPECT_EQ(log.at("version"), "2.1.0");
  EXPECT_EQ(log.at("$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
  ASSERT_TRUE(log.at("runs").is_array());
  ASSERT_EQ(log["runs"].size(), 1u);
  const json& run = log["runs"][0];
  const json& driver = run.at("tool").at("driver");
  EXPECT_EQ(driver.at("name"), "Aperture");
  EXPECT_TRUE(driver.at("version").is_string());
  EXPECT_FALSE(driver.contains("informationUri"));  // optional, and no invented URL
  ASSERT_TRUE(driver.at("rules").is_array());
  for (const json& rule : driver["rules"]) {
    EXPECT_TRUE(rule.at("id").is_string());
    EXPECT_TRUE(rule.at("shortDescription").at("text").is_string());
  }
  ASSERT_TRUE(run.at("results").is_array());
  // Allowed checks are not results; blocked, unknown and obligations are.
  ASSERT_EQ(run["results"].size(), 4u);
  for (const json& result : run["results"]) {
    const std::string id = result.at("ruleId");
    const json& rule = driver["rules"].at(result.at("ruleIndex").get<std::size_t>());
    EXPECT_EQ(rule.at("id"), id);
    std::string level = result.at("level");
    EXPECT_TRUE(level == "error" || level == "warning") << level;
    EXPECT_TRUE(result.at("message").at("text").is_string());
    ASSERT_TRUE(result.at("locations").is_array());
    ASSERT_FALSE(result["locations"].empty()) << id;
    const json& physical = result["locations"][0].at("physicalLocation");
    EXPECT_TRUE(physical.at("artifactLocation").at("uri").is_string());
    if (physical.contains("region")) {
      EXPECT_GE(physical["region"].at("startLine").get<int>(), 1);
    }
  }
}

TEST(SarifTest, LocatesEvidenceInTheRepository) {
  Policy policy;
  policy.path = ".aperture-policy.yaml";
  json log = json::parse(sarif_log(sample(), policy, SarifOptions{"0.1.0", {"models/orca", ""}}));
  const json& results = log["runs"][0]["results"];
  auto uri = [&](int i) { return results[i]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]; };
  EXPECT_EQ(results[0]["ruleId"], "commercial");
  EXPECT_EQ(results[0]["level"], "error");
  EXPECT_EQ(uri(0), "models/orca/README.md");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 3);
  EXPECT_NE(results[0]["message"]["text"].get<std::string>().find("§2(a)(1)"), std::string::npos);
  // No evidence with a file: the policy file.
  EXPECT_EQ(results[1]["ruleId"], "deny-terms/field-of-use");
  EXPECT_EQ(results[1]["level"], "warning");
  EXPECT_EQ(uri(1), ".aperture-policy.yaml");
  EXPECT_EQ(results[2]["ruleId"], "obligation/credit");
  EXPECT_EQ(uri(2), "models/orca/my%20dir/README.md");
  EXPECT_EQ(uri(3), "data/catalog/gpt-4o.yaml");
}

TEST(SarifTest, AnEmptyRunIsStillValid) {
  json log = json::parse(sarif_log({}, Policy{}, SarifOptions{"0.1.0", {}}));
  EXPECT_TRUE(log["runs"][0]["results"].is_array());
  EXPECT_TRUE(log["runs"][0]["results"].empty());
  EXPECT_TRUE(log["runs"][0]["tool"]["driver"]["rules"].is_array());
}

TEST(SarifTest, ArtifactUrisAreRelativeAndEncoded) {
  EXPECT_EQ(artifact_uri("", "./a/b.md"), "a/b.md");
  EXPECT_EQ(artifact_uri("./models", "x y#.md"), "models/x%20y%23.md");
  EXPECT_EQ(artifact_uri("m", ""), "m");
}

}  // namespace
}  // namespace aperture::decide
