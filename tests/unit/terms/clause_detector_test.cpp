#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <aperture/terms/clause_detector.hpp>
#include <aperture/util/file.hpp>

#include "support/test_support.hpp"
#include "unit/license/license_texts.hpp"

namespace aperture::terms {
namespace {

std::vector<DetectedClause> of_kind(const std::vector<DetectedClause>& clauses, ClauseKind kind) {
  std::vector<DetectedClause> out;
  for (const DetectedClause& c : clauses) {
    if (c.kind == kind) {
      out.push_back(c);
    }
  }
  return out;
}

// "non-commercial L2-3 [detail] «quote»" per clause, for failure messages.
std::string describe(const std::vector<DetectedClause>& clauses) {
  std::string out;
  for (const DetectedClause& c : clauses) {
    out += "\n  " + std::string(to_string(c.kind)) + " L" + std::to_string(c.first_line) + "-" +
           std::to_string(c.last_line);
    // Appended piece by piece: g++ 12 warns (-Wrestrict, falsely) on `" " + std::string(...)`.
    if (c.number) {
      out.append(" ").append(std::to_string(*c.number)).append(" ").append(c.unit);
    }
    if (!c.detail.empty()) {
      out.append(" [").append(c.detail).append("]");
    }
    out.append(" «").append(c.quote).append("»");
  }
  return out.empty() ? " (none)" : out;
}

std::string read_corpus(const std::filesystem::path& shared, const std::string& name) {
  auto bytes = util::read_file((shared / "corpus" / "ai-licenses" / name).string());
  return bytes ? *bytes : std::string();
}

// The Apache-2.0 header and the heart of its section 4, short.
const char* const k_apache_short = R"(Copyright 2024 Example Corp.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.

4. Redistribution. You may reproduce and distribute copies of the Work or
Derivative Works thereof in any medium, with or without modifications, and in
Source or Object form, provided that You meet the following conditions:

(a) You must give any other recipients of the Work or Derivative Works a copy
of this License; and

(b) You must cause any modified files to carry prominent notices stating that
You changed the files; and

(c) You must retain, in the Source form of any Derivative Works that You
distribute, all copyright, patent, trademark, and attribution notices from the
Source form of the Work; and

(d) If the Work includes a "NOTICE" text file as part of its distribution, then
any Derivative Works that You distribute must include a readable copy of the
attribution notices contained within such NOTICE file.

If You institute patent litigation against any entity alleging that the Work
constitutes patent infringement, then any patent licenses granted to You under
this License for that Work shall terminate as of the date such litigation is
filed.
)";

TEST(ClauseDetectorTest, NamesEachKind) {
  EXPECT_EQ(to_string(ClauseKind::non_commercial), "non-commercial");
  EXPECT_EQ(to_string(ClauseKind::user_threshold), "user-threshold");
  EXPECT_EQ(to_string(ClauseKind::revenue_threshold), "revenue-threshold");
  EXPECT_EQ(to_string(ClauseKind::field_of_use_ban), "field-of-use-ban");
  EXPECT_EQ(to_string(ClauseKind::improve_other_models_ban), "improve-other-models-ban");
  EXPECT_EQ(to_string(ClauseKind::attribution_duty), "attribution-duty");
  EXPECT_EQ(to_string(ClauseKind::naming_duty), "naming-duty");
  EXPECT_EQ(to_string(ClauseKind::policy_by_reference), "policy-by-reference");
  EXPECT_EQ(to_string(ClauseKind::policy_updatable), "policy-updatable");
  EXPECT_EQ(to_string(ClauseKind::flow_down), "flow-down");
  EXPECT_EQ(to_string(ClauseKind::termination_at_will), "termination-at-will");
  EXPECT_EQ(to_string(ClauseKind::registration_duty), "registration-duty");
}

TEST(ClauseDetectorTest, FindsEachKindWithItsLines) {
  struct Case {
    const char* name;
    const char* text;
    ClauseKind kind;
    std::uint32_t first_line;
    std::uint32_t last_line;
    std::optional<double> number = std::nullopt;
    const char* unit = "";
    const char* detail = "";
  };
  const Case cases[] = {
      // Non-commercial limits and bans.
      {"non-commercial only",
       "Model weights\n\nThe weights are released\nfor non-commercial purposes only.\n",
       ClauseKind::non_commercial, 3, 4},
      {"commercial use banned",
       "Intro.\nYou may not use the Model\nor its outputs for commercial purposes.\n",
       ClauseKind::non_commercial, 2, 3},
      {"research only", "This checkpoint is provided for research purposes only.", ClauseKind::non_commercial,
       1, 1},
      {"solely for non-commercial", "You may use the Model solely for your non-commercial purposes.",
       ClauseKind::non_commercial, 1, 1},
      {"commercial use prohibited after the topic", "Commercial use of the Model is strictly prohibited.",
       ClauseKind::non_commercial, 1, 1},
      // Thresholds, with the number read.
      {"700 million MAU",
       "Additional terms.\nIf your products have more than 700 million monthly\nactive users, you must "
       "request a license.",
       ClauseKind::user_threshold, 2, 3, 700000000.0, "monthly active users"},
      {"100,000,000 MAU",
       "Licensees with 100,000,000 monthly active users or more need a separate agreement.",
       ClauseKind::user_threshold, 1, 1, 100000000.0, "monthly active users"},
      {"10 million MAU", "Services above 10 million MAU require a commercial license.",
       ClauseKind::user_threshold, 1, 1, 10000000.0, "monthly active users"},
      {"MAU first", "A license is needed once your monthly active users exceed 2.5 million.",
       ClauseKind::user_threshold, 1, 1, 2500000.0, "monthly active users"},
      {"daily users", "Free below 50k daily active users.", ClauseKind::user_threshold, 1, 1, 50000.0,
       "daily active users"},
      {"revenue in dollars",
       "Entities with annual revenue exceeding $1,000,000 must obtain an enterprise license.",
       ClauseKind::revenue_threshold, 1, 1, 1000000.0, "USD annual revenue"},
      {"USD 1M", "Free for organisations with less than USD 1M in annual revenue.",
       ClauseKind::revenue_threshold, 1, 1, 1000000.0, "USD annual revenue"},
      {"$1 million per year", "If your revenue is over $1 million per year, contact us.",
       ClauseKind::revenue_threshold, 1, 1, 1000000.0, "USD annual revenue"},
      {"euros without a period", "Companies whose turnover is above EUR 10 million need a paid license.",
       ClauseKind::revenue_threshold, 1, 1, 10000000.0, "EUR revenue"},
      // Field-of-use bans name the uses.
      {"military", "You shall not use the Model for military purposes.", ClauseKind::field_of_use_ban, 1, 1,
       std::nullopt, "", "military"},
      {"medical advice and surveillance",
       "The Model may not be used to provide medical advice\nor to conduct surveillance.",
       ClauseKind::field_of_use_ban, 1, 2, std::nullopt, "", "medical advice, surveillance"},
      {"prohibited before the topic", "Use is prohibited for the development of weapons.",
       ClauseKind::field_of_use_ban, 1, 1, std::nullopt, "", "weapons"},
      {"heading", "Section 5\n\nUse Restrictions\nYou agree to the terms below.",
       ClauseKind::field_of_use_ban, 3, 3},
      // Bans on improving other models.
      {"improve other llm",
       "You shall not use the Materials or any output\nto improve any other large language model.",
       ClauseKind::improve_other_models_ban, 1, 2},
      {"competing model", "Outputs may not be used to train a competing model.",
       ClauseKind::improve_other_models_ban, 1, 1},
      // Attribution and naming duties carry the required words.
      {"built with", "You must prominently display 'Built with Acme' on your website.",
       ClauseKind::attribution_duty, 1, 1, std::nullopt, "", "Built with Acme"},
      {"curly quotes", "Licensee shall display “Powered by Acme” in the product documentation.",
       ClauseKind::attribution_duty, 1, 1, std::nullopt, "", "Powered by Acme"},
      {"following notice in the next paragraph",
       "Redistributions must retain the following notice:\n\n\"Acme Model, Copyright 2024 Acme Corp. All "
       "rights "
       "reserved.\"\n",
       ClauseKind::attribution_duty, 1, 1, std::nullopt, "",
       "Acme Model, Copyright 2024 Acme Corp. All rights reserved."},
      {"name prefix", "Derivative models must include \"Acme\" at the beginning of any such AI model name.",
       ClauseKind::naming_duty, 1, 1, std::nullopt, "", "Acme"},
      {"name must begin with", "The name of any fine-tuned model must begin with \"Acme-\".",
       ClauseKind::naming_duty, 1, 1, std::nullopt, "", "Acme-"},
      // Policies: incorporated, and changeable.
      {"incorporated by reference",
       "Your use is subject to the Acceptable Use Policy (available at\nhttps://example.com/aup), which is "
       "hereby "
       "incorporated by reference into this Agreement.",
       ClauseKind::policy_by_reference, 1, 2, std::nullopt, "", "https://example.com/aup"},
      {"policy available at", "The Prohibited Use Policy is available at www.example.com/policy.",
       ClauseKind::policy_by_reference, 1, 1, std::nullopt, "", "www.example.com/policy"},
      {"as updated from time to time",
       "You must follow the Acceptable Use Policy, as updated from time to time.",
       ClauseKind::policy_updatable, 1, 1},
      {"we may update", "Preamble.\nWe may update this policy at any time.", ClauseKind::policy_updatable, 2,
       2},
      {"most recent copy", "The most recent copy of this policy can be found at https://example.com/policy.",
       ClauseKind::policy_updatable, 1, 1, std::nullopt, "", "https://example.com/policy"},
      // Restrictions that travel downstream.
      {"include in any agreement",
       "You must include the use restrictions in any agreement under which you distribute the Model.",
       ClauseKind::flow_down, 1, 1},
      {"pass on", "You must pass on these restrictions to recipients of the Model.", ClauseKind::flow_down, 1,
       1},
      {"same restrictions", "Derivatives of the Model are subject to the same restrictions.",
       ClauseKind::flow_down, 1, 1},
      // Termination at will.
      {"any time for any reason", "Acme may terminate this agreement at any time for any reason.",
       ClauseKind::termination_at_will, 1, 1},
      {"sole discretion", "Licensor may revoke this license\nat its sole discretion.",
       ClauseKind::termination_at_will, 1, 2},
      // Registration.
      {"must register", "You must register before downloading the weights.", ClauseKind::registration_duty, 1,
       1},
      {"request access", "To get the weights, request access on the model page.",
       ClauseKind::registration_duty, 1, 1},
      {"contact information", "Applicants must provide your contact information to Acme.",
       ClauseKind::registration_duty, 1, 1},
      {"accept before downloading", "You must accept the terms before downloading the model.",
       ClauseKind::registration_duty, 1, 1},
  };
  for (const Case& c : cases) {
    std::vector<DetectedClause> all = detect_clauses(c.text);
    std::vector<DetectedClause> found = of_kind(all, c.kind);
    ASSERT_EQ(found.size(), 1u) << c.name << ":" << describe(all);
    const DetectedClause& d = found[0];
    EXPECT_EQ(d.first_line, c.first_line) << c.name << ":" << describe(all);
    EXPECT_EQ(d.last_line, c.last_line) << c.name << ":" << describe(all);
    EXPECT_EQ(d.number, c.number) << c.name;
    EXPECT_EQ(d.unit, c.unit) << c.name;
    EXPECT_EQ(d.detail, c.detail) << c.name;
    EXPECT_FALSE(d.quote.empty()) << c.name;
  }
}

TEST(ClauseDetectorTest, IgnoresNearMisses) {
  struct Case {
    const char* name;
    const char* text;
    ClauseKind kind;
  };
  const Case cases[] = {
      {"commercial use permitted", "Commercial use is permitted.", ClauseKind::non_commercial},
      {"ban elsewhere, use permitted",
       "You may not redistribute the weights, but commercial use is permitted.", ClauseKind::non_commercial},
      {"both allowed", "Commercial and non-commercial use are both allowed.", ClauseKind::non_commercial},
      {"outputs for any purpose", "You may use Output for any purpose (including for commercial purposes).",
       ClauseKind::non_commercial},
      {"not primarily commercial", "Research Purpose is not primarily intended for commercial advantage.",
       ClauseKind::non_commercial},
      {"no field restrictions", "There are no restrictions on field of use.", ClauseKind::field_of_use_ban},
      {"military allowed", "You may use the model for military purposes.", ClauseKind::field_of_use_ban},
      {"medical research", "Use for medical research is encouraged.", ClauseKind::field_of_use_ban},
      {"improving allowed", "You may use the outputs to improve other models.",
       ClauseKind::improve_other_models_ban},
      {"ban then permission",
       "You may not sublicense the Model, but you may use its outputs to train other models.",
       ClauseKind::improve_other_models_ban},
      {"no user limit", "There is no user limit.", ClauseKind::user_threshold},
      {"a statistic", "Our 10 million users love it.", ClauseKind::user_threshold},
      {"no revenue cue", "The dataset includes $5 million of sales records.", ClauseKind::revenue_threshold},
      {"not except for breach", "We will not terminate except for breach.", ClauseKind::termination_at_will},
      {"any time on breach", "Apple may terminate this Agreement at any time if You are in breach of it.",
       ClauseKind::termination_at_will},
      {"the licensee's right", "You may terminate this Agreement at any time by deleting the Materials.",
       ClauseKind::termination_at_will},
      {"terminates on litigation",
       "Any patent licenses granted to You shall terminate as of the date of the claim.",
       ClauseKind::termination_at_will},
      {"policy unchanged", "This policy does not change.", ClauseKind::policy_updatable},
      {"changelog", "The changelog is updated from time to time.", ClauseKind::policy_updatable},
      {"model updates", "Google may update Gemma from time to time.", ClauseKind::policy_updatable},
      {"will not update", "We will not update this policy.", ClauseKind::policy_updatable},
      {"policy not incorporated", "The style guide is not incorporated by reference.",
       ClauseKind::policy_by_reference},
      {"not required to register", "You are not required to register.", ClauseKind::registration_duty},
      {"no need to request access", "There is no need to request access.", ClauseKind::registration_duty},
      {"not the same restrictions", "Derivatives are not subject to the same restrictions.",
       ClauseKind::flow_down},
      {"export laws", "These laws include restrictions on destinations, end users and end use.",
       ClauseKind::flow_down},
      {"may display", "You may display 'Built with Acme' if you like.", ClauseKind::attribution_duty},
      {"trademark clause", "You may not use any name or mark owned by Acme.", ClauseKind::naming_duty},
  };
  for (const Case& c : cases) {
    std::vector<DetectedClause> all = detect_clauses(c.text);
    EXPECT_TRUE(of_kind(all, c.kind).empty()) << c.name << ":" << describe(all);
  }
}

TEST(ClauseDetectorTest, FindsNothingInPermissiveLicenses) {
  struct Case {
    const char* name;
    std::string text;
  };
  const Case cases[] = {
      {"MIT", aperture::testing::k_mit_text},
      {"Apache-2.0 short", k_apache_short},
      {"BSD-2-Clause", aperture::testing::k_bsd2_text},
      {"ISC", aperture::testing::k_isc_text},
  };
  for (const Case& c : cases) {
    std::vector<DetectedClause> all = detect_clauses(c.text);
    EXPECT_TRUE(all.empty()) << c.name << ":" << describe(all);
  }
}

TEST(ClauseDetectorTest, QuotesTheSentenceAsItReads) {
  std::vector<DetectedClause> all =
      detect_clauses("First line.\nYou  may not use\n\tthe Model for   commercial purposes. Then more.\n");
  ASSERT_EQ(all.size(), 1u) << describe(all);
  EXPECT_EQ(all[0].quote, "You may not use the Model for commercial purposes.");
  EXPECT_EQ(all[0].first_line, 2u);
  EXPECT_EQ(all[0].last_line, 3u);

  // Long sentences are quoted by their first 300 characters.
  std::string filler;
  for (int i = 0; i < 25; ++i) {
    filler += " and its parts";  // 350 characters: long, but within reach of "shall not"
  }
  all = detect_clauses("You shall not use the Model" + filler + " for military purposes.");
  ASSERT_EQ(all.size(), 1u) << describe(all);
  EXPECT_EQ(all[0].quote.size(), 300u);
  EXPECT_TRUE(all[0].quote.starts_with("You shall not use the Model and its parts")) << all[0].quote;
}

TEST(ClauseDetectorTest, SplitsListItemsUnderALeadIn) {
  const char* text = "Use Restrictions\n"
                     "You agree not to use the Model:\n"
                     "- for military purposes;\n"
                     "- to provide medical advice;\n"
                     "- in any way that violates the law.\n"
                     "You may use the Model for surveillance research.\n";
  std::vector<DetectedClause> bans = of_kind(detect_clauses(text), ClauseKind::field_of_use_ban);
  ASSERT_EQ(bans.size(), 3u) << describe(bans);
  EXPECT_EQ(bans[0].first_line, 1u);  // the heading
  EXPECT_EQ(bans[1].first_line, 3u);
  EXPECT_EQ(bans[1].detail, "military");
  EXPECT_EQ(bans[1].quote, "for military purposes;");
  EXPECT_EQ(bans[2].first_line, 4u);
  EXPECT_EQ(bans[2].detail, "medical advice");
}

TEST(ClauseDetectorTest, KeepsQuotedNoticesWhole) {
  // "Inc. All Rights Reserved." inside the notice ends no sentence.
  const char* text =
      "iii. You must retain the following attribution notice: \"Acme 2 is licensed under the Acme\n"
      "License, Copyright (c) Acme, Inc. All Rights Reserved.\" Other terms apply.\n";
  std::vector<DetectedClause> all = detect_clauses(text);
  std::vector<DetectedClause> duties = of_kind(all, ClauseKind::attribution_duty);
  ASSERT_EQ(duties.size(), 1u) << describe(all);
  EXPECT_EQ(duties[0].detail,
            "Acme 2 is licensed under the Acme License, Copyright (c) Acme, Inc. All Rights Reserved.");
  EXPECT_EQ(duties[0].first_line, 1u);
  EXPECT_EQ(duties[0].last_line, 2u);
  EXPECT_TRUE(duties[0].quote.starts_with("You must retain"))
      << duties[0].quote;  // without the "iii." marker
}

TEST(ClauseDetectorTest, ReportsInOrderOfAppearance) {
  const char* text = "Acme may terminate this agreement at any time.\n"
                     "You must register first. The Model is for research purposes only.\n";
  std::vector<DetectedClause> all = detect_clauses(text);
  ASSERT_EQ(all.size(), 3u) << describe(all);
  EXPECT_EQ(all[0].kind, ClauseKind::termination_at_will);
  EXPECT_EQ(all[1].kind, ClauseKind::registration_duty);
  EXPECT_EQ(all[2].kind, ClauseKind::non_commercial);
  EXPECT_EQ(all[2].first_line, 2u);
}

TEST(ClauseDetectorTest, HandlesEmptyAndOddInput) {
  EXPECT_TRUE(detect_clauses("").empty());
  EXPECT_TRUE(detect_clauses("\n\n   \n").empty());
  EXPECT_TRUE(detect_clauses("....!!!???;;;:::").empty());
  EXPECT_TRUE(detect_clauses("\xff\xfe\x80 not utf-8 \xc3").empty());
}

TEST(ClauseDetectorTest, ReadsRealLicenses) {
  APERTURE_REQUIRE_SHARED(shared);
  struct Case {
    const char* file;
    ClauseKind kind;
    std::uint32_t first_line;  // of the first clause of the kind; 0: any
    std::optional<double> number = std::nullopt;
    const char* unit = "";
    const char* detail = "";  // a substring of the first clause's detail
  };
  const Case cases[] = {
      {"llama2-community-license.txt", ClauseKind::user_threshold, 65, 700000000.0, "monthly active users"},
      {"llama2-community-license.txt", ClauseKind::improve_other_models_ban, 61},
      {"llama2-community-license.txt", ClauseKind::policy_by_reference, 55, std::nullopt, "",
       "https://ai.meta.com/llama/use-policy"},
      {"llama2-community-license.txt", ClauseKind::attribution_duty, 50, std::nullopt, "",
       "Llama 2 is licensed under the LLAMA 2 Community License"},
      {"llama3.1-community-license.txt", ClauseKind::naming_duty, 24, std::nullopt, "", "Llama"},
      {"llama3.1-community-license.txt", ClauseKind::attribution_duty, 24, std::nullopt, "",
       "Built with Llama"},
      {"llama3.1-community-license.txt", ClauseKind::user_threshold, 32, 700000000.0, "monthly active users"},
      {"flux1-dev-non-commercial-license.txt", ClauseKind::non_commercial, 15},
      {"flux1-dev-non-commercial-license.txt", ClauseKind::field_of_use_ban, 31, std::nullopt, "",
       "military"},
      {"flux1-dev-non-commercial-license.txt", ClauseKind::improve_other_models_ban, 18},
      {"flux1-dev-non-commercial-license.txt", ClauseKind::termination_at_will, 46},
      {"creativeml-openrail-m.txt", ClauseKind::field_of_use_ban, 50},
      {"creativeml-openrail-m.txt", ClauseKind::flow_down, 14},
      {"stability-ai-community-license.txt", ClauseKind::revenue_threshold, 10, 1000000.0,
       "USD annual revenue"},
      {"stability-ai-community-license.txt", ClauseKind::registration_duty, 22, std::nullopt, "",
       "https://stability.ai/community-license"},
      {"stability-ai-community-license.txt", ClauseKind::policy_updatable, 44},
      {"tongyi-qianwen-license.txt", ClauseKind::user_threshold, 29, 100000000.0, "monthly active users"},
      {"tongyi-qianwen-license.txt", ClauseKind::improve_other_models_ban, 33},
      {"qwen-research-license.txt", ClauseKind::non_commercial, 16},
      {"gemma-terms-of-use.txt", ClauseKind::policy_by_reference, 48, std::nullopt, "",
       "ai.google.dev/gemma/prohibited_use_policy"},
      {"gemma-terms-of-use.txt", ClauseKind::flow_down, 35},
      // The Terms of Use incorporate the policy; the policy itself says it may change.
      {"gemma-prohibited-use-policy.ABRIDGED.txt", ClauseKind::policy_updatable, 7},
  };
  for (const Case& c : cases) {
    std::string text = read_corpus(shared, c.file);
    ASSERT_FALSE(text.empty()) << c.file;
    std::vector<DetectedClause> all = detect_clauses(text);
    std::vector<DetectedClause> found = of_kind(all, c.kind);
    std::string name = std::string(c.file) + " " + std::string(to_string(c.kind));
    ASSERT_FALSE(found.empty()) << name << ":" << describe(all);
    const DetectedClause& d = found[0];
    if (c.first_line != 0) {
      EXPECT_EQ(d.first_line, c.first_line) << name << ":" << describe(found);
    }
    EXPECT_EQ(d.number, c.number) << name;
    EXPECT_EQ(d.unit, c.unit) << name;
    EXPECT_NE(d.detail.find(c.detail), std::string::npos) << name << ": " << d.detail;
  }
}

TEST(ClauseDetectorTest, ReadsWhatRealLicensesLeaveOut) {
  APERTURE_REQUIRE_SHARED(shared);
  struct Case {
    const char* file;
    ClauseKind kind;
  };
  const Case cases[] = {
      // "Google may update Gemma from time to time" is about the model, not the terms.
      {"gemma-terms-of-use.txt", ClauseKind::policy_updatable},
      // Termination for breach only.
      {"llama2-community-license.txt", ClauseKind::termination_at_will},
      {"apple-amlr-research-model-license.txt", ClauseKind::termination_at_will},
      {"mistral-research-license-mrl-0.1.txt", ClauseKind::termination_at_will},
      // Llama 3.1 lets outputs improve other models, on the naming condition.
      {"llama3.1-community-license.txt", ClauseKind::improve_other_models_ban},
      // Stability's license has a commercial tier.
      {"stability-ai-community-license.txt", ClauseKind::non_commercial},
  };
  for (const Case& c : cases) {
    std::string text = read_corpus(shared, c.file);
    ASSERT_FALSE(text.empty()) << c.file;
    std::vector<DetectedClause> all = detect_clauses(text);
    EXPECT_TRUE(of_kind(all, c.kind).empty()) << c.file << " " << to_string(c.kind) << ":" << describe(all);
  }
}

}  // namespace
}  // namespace aperture::terms
