// Tests src/aperture/decide/policy.cpp: the policy YAML reader and license patterns.
#include <string>

#include <gtest/gtest.h>

#include <aperture/decide/policy.hpp>

#include "support/test_support.hpp"

namespace aperture::decide {
namespace {

TEST(PolicyTest, ReadsEveryKey) {
  auto p = parse_policy("allow_licenses: [Apache-2.0, MIT, 'LicenseRef-Llama-*']\n"
                        "deny_licenses: ['CC-BY-NC-*']\n"
                        "deny_terms: [flow-down, licensor-can-change-policy]\n"
                        "require: [commercial, fine-tune]\n"
                        "min_spectrum_level: 3\n"
                        "require_osd: true\n"
                        "require_osaid: false\n"
                        "min_mof_class: II\n"
                        "require_evidence: [license-file, model-card, training-data]\n"
                        "users: 700M\n"
                        "jurisdiction: eu\n",
                        "policy.yaml");
  ASSERT_TRUE(p) << p.error().to_string();
  EXPECT_EQ(p->allow_licenses.size(), 3u);
  EXPECT_EQ(p->deny_licenses[0].value, "CC-BY-NC-*");
  EXPECT_EQ(p->deny_licenses[0].line, 2u);
  EXPECT_EQ(p->deny_terms[1].value, "licensor-can-change-policy");
  EXPECT_EQ(to_string(p->require), "commercial,fine-tune,eu,users=700000000");
  EXPECT_EQ(p->min_spectrum_level, 3);
  EXPECT_TRUE(p->require_osd);
  EXPECT_FALSE(p->require_osaid);
  EXPECT_EQ(p->min_mof_class, 2);
  EXPECT_EQ(p->require_evidence[2].value, "datasets");
  EXPECT_EQ(p->path, "policy.yaml");
}

TEST(PolicyTest, AnEmptyFileIsAnEmptyPolicy) {
  auto p = parse_policy("", "empty.yaml");
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->require.empty());
}

TEST(PolicyTest, ErrorsNameFileAndLine) {
  struct Case {
    const char* text;
    const char* error;
  } cases[] = {
      {"require: [commercial]\ndeny_license: [MIT]\n", "policy.yaml: line 2: unknown key 'deny_license'"},
      {"users: 5\nusers: 6\n", "policy.yaml: line 2: 'users' is repeated"},
      {"deny_terms:\n  - flow-down\n  - evil-term\n", "policy.yaml: line 3: unknown term 'evil-term'"},
      {"require: [commercial, teleport]\n", "policy.yaml: line 1: unknown requirement 'teleport'"},
      {"min_spectrum_level: 7\n", "policy.yaml: line 1: 'min_spectrum_level' is a whole number from 1 to 5"},
      {"min_mof_class: IV\n", "policy.yaml: line 1: min_mof_class is 1, 2 or 3"},
      {"require_osd: maybe\n", "policy.yaml: line 1: 'require_osd' is true or false"},
      {"require_evidence: [vibes]\n", "policy.yaml: line 1: unknown evidence 'vibes'"},
      {"jurisdiction: mars\n", "policy.yaml: line 1: jurisdiction 'mars' is not one Aperture checks"},
      {"users: many\n", "policy.yaml: line 1: users takes a count"},
      {"deny_licenses: {a: b}\n", "policy.yaml: line 1: 'deny_licenses' takes a list"},
      {"- just\n- a list\n", "policy.yaml: line 1: a policy is a YAML mapping"},
      {"require: [commercial\n", "policy.yaml: "},
  };
  for (const Case& c : cases) {
    auto p = parse_policy(c.text, "policy.yaml");
    ASSERT_FALSE(p) << c.text;
    std::string got = p.error().to_string();
    EXPECT_EQ(got.find(c.error), 0u) << c.text << " gave: " << got;
    EXPECT_EQ(got.find('\n'), std::string::npos) << c.text;
  }
}

TEST(PolicyTest, LicensePatternsMatchCaseInsensitivelyWithStars) {
  struct Case {
    const char* pattern;
    const char* id;
    bool want;
  } cases[] = {
      {"CC-BY-NC-*", "CC-BY-NC-4.0", true},
      {"CC-BY-NC-*", "CC-BY-NC-SA-4.0", true},
      {"CC-BY-NC-*", "CC-BY-4.0", false},
      {"mit", "MIT", true},
      {"MIT", "MIT-0", false},
      {"*", "anything", true},
      {"LicenseRef-Llama-*", "LicenseRef-Llama-3.1", true},
      {"*-NC-*", "LicenseRef-FLUX.1-dev-Non-Commercial", false},
      {"a*b*c", "aXbYc", true},
      {"a*b*c", "aXbY", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(license_matches(c.pattern, c.id), c.want) << c.pattern << " vs " << c.id;
  }
}

class PolicyFileTest : public testing::TempDirTest {};

TEST_F(PolicyFileTest, TheBundledExampleReads) {
  auto p = read_policy((testing::source_dir() / "examples" / "policy.yaml").string());
  ASSERT_TRUE(p) << p.error().to_string();
  EXPECT_FALSE(p->deny_licenses.empty());
}

TEST_F(PolicyFileTest, AMissingFileNamesItself) {
  auto p = read_policy((m_dir / "nope.yaml").string());
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().to_string().find("nope.yaml"), std::string::npos);
}

}  // namespace
}  // namespace aperture::decide
