#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <aperture/license/spdx_index.hpp>
#include <aperture/terms/knowledge_base.hpp>
#include <aperture/util/result.hpp>

#include "support/test_support.hpp"

namespace aperture::terms {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool is_license_ref(const std::string& id) {
  return id.rfind("LicenseRef-", 0) == 0;
}

// The value of a single-valued term, or "(absent)".
std::string value_of(const std::optional<Term>& t) {
  return t ? t->value : "(absent)";
}

// Hub ids that name a family of licenses, or none: they map to no single profile.
const std::set<std::string> k_family_ids{"openrail", "bsd", "cc", "gfdl", "gpl", "lgpl", "unknown", "other"};

// Hub ids of the AI licenses, whose profiles live in another knowledge-base file.
const std::set<std::string> k_ai_ids{"llama2",
                                     "llama3",
                                     "llama3.1",
                                     "llama3.2",
                                     "llama3.3",
                                     "llama4",
                                     "gemma",
                                     "creativeml-openrail-m",
                                     "bigscience-openrail-m",
                                     "bigscience-bloom-rail-1.0",
                                     "apple-ascl",
                                     "apple-amlr"};

TEST(KnowledgeBaseTest, EmbeddedLoads) {
  const KnowledgeBase* kb = nullptr;
  ASSERT_NO_THROW(kb = &KnowledgeBase::embedded());
  EXPECT_GE(kb->profiles().size(), 74u);
  ASSERT_NE(kb->find("MIT"), nullptr);
  EXPECT_EQ(kb->find("mit"), kb->find("MIT")) << "find is case-insensitive";
  EXPECT_EQ(kb->find("LicenseRef-No-Such-License"), nullptr);
}

TEST(KnowledgeBaseTest, EmbeddedIdsAreUnique) {
  std::set<std::string> seen;
  for (const LicenseProfile& p : KnowledgeBase::embedded().profiles()) {
    EXPECT_TRUE(seen.insert(lower(p.id)).second) << "duplicate id " << p.id;
  }
}

TEST(KnowledgeBaseTest, EveryProfileHasItsRequiredFields) {
  for (const LicenseProfile& p : KnowledgeBase::embedded().profiles()) {
    EXPECT_FALSE(p.name.empty()) << p.id;
    EXPECT_FALSE(p.url.empty()) << p.id;
    EXPECT_FALSE(p.sources.empty()) << p.id << ": no sources";
    for (const Source& s : p.sources) {
      EXPECT_FALSE(s.url.empty()) << p.id;
      EXPECT_EQ(s.checked.size(), 10u) << p.id << ": checked date '" << s.checked << "' is not YYYY-MM-DD";
    }
    if (!is_license_ref(p.id)) {
      bool cites_spdx = std::any_of(p.sources.begin(), p.sources.end(), [&](const Source& s) {
        return s.url == "https://spdx.org/licenses/" + p.id + ".html";
      });
      EXPECT_TRUE(cites_spdx) << p.id << ": sources lack its SPDX page";
    }
  }
}

TEST(KnowledgeBaseTest, SpdxProfilesMatchTheSpdxList) {
  const license::SpdxIndex& spdx = license::SpdxIndex::embedded();
  std::size_t checked = 0;
  for (const LicenseProfile& p : KnowledgeBase::embedded().profiles()) {
    if (is_license_ref(p.id)) {
      continue;
    }
    std::optional<std::uint32_t> i = spdx.find(p.id);
    ASSERT_TRUE(i.has_value()) << p.id << " is not an SPDX license id";
    license::LicenseInfo info = spdx.license(*i);
    EXPECT_EQ(std::string(info.id), p.id) << "the SPDX list spells the id " << info.id;
    EXPECT_EQ(std::string(info.name), p.name) << p.id;
    EXPECT_FALSE(info.exception) << p.id;
    ++checked;
  }
  EXPECT_GE(checked, 60u);
}

TEST(KnowledgeBaseTest, EveryHubIdResolvesToOneProfile) {
  APERTURE_REQUIRE_SHARED(shared);
  std::ifstream in(shared / "corpus" / "ai-licenses" / "hub-license-ids.txt");
  ASSERT_TRUE(in) << "hub-license-ids.txt is missing";
  const KnowledgeBase& kb = KnowledgeBase::embedded();

  // The AI profiles come from another file; while it is absent, none of their ids resolves.
  bool ai_present = std::any_of(k_ai_ids.begin(), k_ai_ids.end(),
                                [&](const std::string& id) { return !kb.find_hub(id).empty(); });
  std::vector<std::string> ai_missing;
  std::size_t resolved = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    std::string hub_id = line.substr(0, line.find('\t'));
    std::vector<const LicenseProfile*> found = kb.find_hub(hub_id);
    if (k_family_ids.count(hub_id) != 0) {
      EXPECT_TRUE(found.empty()) << hub_id << " names a family, yet maps to " << found.front()->id;
      continue;
    }
    if (found.empty() && !ai_present && k_ai_ids.count(hub_id) != 0) {
      ai_missing.push_back(hub_id);
      continue;
    }
    ASSERT_EQ(found.size(), 1u) << hub_id << " resolves to " << found.size() << " profiles";
    ++resolved;
  }
  EXPECT_GE(resolved, 63u);
  if (!ai_missing.empty()) {
    std::string list;
    for (const std::string& id : ai_missing) {
      list += (list.empty() ? "" : ", ") + id;
    }
    std::cout << "[ NOTE     ] the AI license profiles are not in the knowledge base yet: " << list << "\n";
  }
}

struct HubCase {
  const char* name;
  const char* hub_id;
  const char* id;  // expected profile, "" for none
};

TEST(KnowledgeBaseTest, HubIdsMapToTheRightProfile) {
  const HubCase cases[] = {
      {"apache", "apache-2.0", "Apache-2.0"},
      {"hub ids are case-insensitive", "Apache-2.0", "Apache-2.0"},
      {"surrounding blanks ignored", "  mit ", "MIT"},
      {"bare gpl-2.0 is the -only id", "gpl-2.0", "GPL-2.0-only"},
      {"bare gpl-3.0 is the -only id", "gpl-3.0", "GPL-3.0-only"},
      {"bare agpl-3.0 is the -only id", "agpl-3.0", "AGPL-3.0-only"},
      {"bare lgpl-2.1 is the -only id", "lgpl-2.1", "LGPL-2.1-only"},
      {"bare lgpl-3.0 is the -only id", "lgpl-3.0", "LGPL-3.0-only"},
      {"odc-by is the 1.0 license", "odc-by", "ODC-By-1.0"},
      {"odbl is the 1.0 license", "odbl", "ODbL-1.0"},
      {"pddl", "pddl", "PDDL-1.0"},
      {"lgpl-lr", "lgpl-lr", "LGPLLR"},
      {"c-uda", "c-uda", "C-UDA-1.0"},
      {"etalab spelled in lower case by SPDX", "etalab-2.0", "etalab-2.0"},
      {"openmdw 1.0 is SPDX", "openmdw-1.0", "OpenMDW-1.0"},
      {"openmdw 1.1 is not", "openmdw-1.1", "LicenseRef-OpenMDW-1.1"},
      {"openrail++", "openrail++", "LicenseRef-OpenRAIL-Plus-Plus-M"},
      {"bigcode", "bigcode-openrail-m", "LicenseRef-BigCode-OpenRAIL-M-1.0"},
      {"cc-by-nc-sa-2.0", "cc-by-nc-sa-2.0", "CC-BY-NC-SA-2.0"},
      {"family gpl", "gpl", ""},
      {"family cc", "cc", ""},
      {"family openrail", "openrail", ""},
      {"unknown", "unknown", ""},
      {"other without a name", "other", ""},
      {"not a hub id", "gpl-3.0-or-later-ish", ""},
  };
  const KnowledgeBase& kb = KnowledgeBase::embedded();
  for (const HubCase& c : cases) {
    std::vector<const LicenseProfile*> found = kb.find_hub(c.hub_id);
    if (std::string(c.id).empty()) {
      EXPECT_TRUE(found.empty()) << c.name;
      continue;
    }
    ASSERT_EQ(found.size(), 1u) << c.name;
    EXPECT_EQ(found.front()->id, c.id) << c.name;
  }
}

struct TermCase {
  const char* name;
  const char* id;
  std::optional<Term> Terms::*term;
  const char* value;
};

TEST(KnowledgeBaseTest, SpotChecksOfTerms) {
  const TermCase cases[] = {
      {"Apache-2.0 grants patents", "Apache-2.0", &Terms::patent_grant, "yes"},
      {"MIT grants no patents", "MIT", &Terms::patent_grant, "no"},
      {"MIT is not copyleft", "MIT", &Terms::copyleft, "none"},
      {"Apache-2.0 is not copyleft", "Apache-2.0", &Terms::copyleft, "none"},
      {"GPL-3.0-only is strong copyleft", "GPL-3.0-only", &Terms::copyleft, "strong"},
      {"GPL-3.0-or-later shares its terms", "GPL-3.0-or-later", &Terms::copyleft, "strong"},
      {"GPL-3.0-only grants patents", "GPL-3.0-only", &Terms::patent_grant, "yes"},
      {"GPL-2.0-only is strong copyleft", "GPL-2.0-only", &Terms::copyleft, "strong"},
      {"AGPL-3.0-only is network copyleft", "AGPL-3.0-only", &Terms::copyleft, "network"},
      {"OSL-3.0 is network copyleft", "OSL-3.0", &Terms::copyleft, "network"},
      {"LGPL-2.1-only is weak copyleft", "LGPL-2.1-only", &Terms::copyleft, "weak"},
      {"LGPL-3.0-only is weak copyleft", "LGPL-3.0-only", &Terms::copyleft, "weak"},
      {"MPL-2.0 is weak copyleft", "MPL-2.0", &Terms::copyleft, "weak"},
      {"EUPL-1.2 is strong copyleft", "EUPL-1.2", &Terms::copyleft, "strong"},
      {"CC-BY-4.0 allows commercial use", "CC-BY-4.0", &Terms::commercial_use, "allowed"},
      {"CC-BY-NC-4.0 bans commercial use", "CC-BY-NC-4.0", &Terms::commercial_use, "banned"},
      {"CC-BY-NC-SA-3.0 bans commercial use", "CC-BY-NC-SA-3.0", &Terms::commercial_use, "banned"},
      {"CC-BY-NC-2.0 bans commercial use", "CC-BY-NC-2.0", &Terms::commercial_use, "banned"},
      {"CC-BY-ND-4.0 bans modification", "CC-BY-ND-4.0", &Terms::modification, "banned"},
      {"CC-BY-NC-ND-3.0 bans modification", "CC-BY-NC-ND-3.0", &Terms::modification, "banned"},
      {"CC-BY-SA-4.0 is share-alike", "CC-BY-SA-4.0", &Terms::copyleft, "strong"},
      {"CC-BY-SA-3.0 is share-alike", "CC-BY-SA-3.0", &Terms::copyleft, "strong"},
      {"CC-BY-4.0 is not share-alike", "CC-BY-4.0", &Terms::copyleft, "none"},
      {"CC0 allows commercial use", "CC0-1.0", &Terms::commercial_use, "allowed"},
      {"EPL-1.0 names New York law", "EPL-1.0", &Terms::governing_law, "New York, USA"},
      {"FAIR NC bans commercial use", "LicenseRef-FAIR-Noncommercial-Research", &Terms::commercial_use,
       "banned"},
      {"DeepFloyd IF bans commercial use", "LicenseRef-DeepFloyd-IF", &Terms::commercial_use, "banned"},
      {"RAIL++-M passes its restrictions on", "LicenseRef-OpenRAIL-Plus-Plus-M", &Terms::flow_down, "yes"},
      {"Grok 2 terms are not recorded", "LicenseRef-Grok-2-Community", &Terms::commercial_use, "(absent)"},
      {"MIT does not address other models", "MIT", &Terms::improve_other_models, "not-addressed"},
  };
  const KnowledgeBase& kb = KnowledgeBase::embedded();
  for (const TermCase& c : cases) {
    const LicenseProfile* p = kb.find(c.id);
    ASSERT_NE(p, nullptr) << c.name;
    EXPECT_EQ(value_of(p->terms.*c.term), c.value) << c.name;
  }
}

TEST(KnowledgeBaseTest, ApacheAttributionIncludesTheNoticeFile) {
  const LicenseProfile* p = KnowledgeBase::embedded().find("Apache-2.0");
  ASSERT_NE(p, nullptr);
  const std::vector<Duty>& duties = p->terms.attribution;
  auto has = [&](const std::string& duty, const std::string& clause) {
    return std::any_of(duties.begin(), duties.end(),
                       [&](const Duty& d) { return d.duty == duty && d.cite.clause == clause; });
  };
  EXPECT_TRUE(has("copy-of-license", "4(a)"));
  EXPECT_TRUE(has("mark-changes", "4(b)"));
  EXPECT_TRUE(has("notice", "4(c)"));
  ASSERT_TRUE(has("notice", "4(d)"));
  auto notice_file =
      std::find_if(duties.begin(), duties.end(), [](const Duty& d) { return d.cite.clause == "4(d)"; });
  EXPECT_NE(notice_file->cite.quote.find("\"NOTICE\" text file"), std::string::npos)
      << notice_file->cite.quote;
}

TEST(KnowledgeBaseTest, EveryTermCitesAClauseAndQuotesShortly) {
  for (const LicenseProfile& p : KnowledgeBase::embedded().profiles()) {
    const Terms& t = p.terms;
    std::vector<std::pair<std::string, const Citation*>> cites;
    for (auto [name, term] :
         {std::pair{"commercial_use", &t.commercial_use}, std::pair{"modification", &t.modification},
          std::pair{"redistribution", &t.redistribution}, std::pair{"copyleft", &t.copyleft},
          std::pair{"patent_grant", &t.patent_grant}, std::pair{"flow_down", &t.flow_down},
          std::pair{"governing_law", &t.governing_law}, std::pair{"acceptance", &t.acceptance}}) {
      if (*term) {
        cites.emplace_back(name, &(*term)->cite);
      }
    }
    for (const Duty& d : t.attribution) {
      cites.emplace_back("attribution", &d.cite);
    }
    for (const Restriction& r : t.field_of_use) {
      cites.emplace_back("field_of_use", &r.cite);
    }
    for (const Restriction& r : t.termination) {
      cites.emplace_back("termination", &r.cite);
    }
    for (const auto& [name, cite] : cites) {
      EXPECT_FALSE(cite->clause.empty()) << p.id << ": " << name << " cites no clause";
      EXPECT_LE(cite->quote.size(), 200u) << p.id << ": " << name << " quote is too long";
    }
  }
}

struct ParseErrorCase {
  const char* name;
  std::string yaml;
  util::ErrorCode code;
  std::string message;
};

// A minimal valid entry; `extra` lines are appended to it (indented as entry keys).
std::string entry(const std::string& id, const std::string& extra = "") {
  std::string out =
      "  - id: " + id + "\n    name: Test License\n    kind: license\n    url: https://example.org/l\n";
  return out + extra;
}

TEST(KnowledgeBaseTest, ParseReportsSchemaErrors) {
  const ParseErrorCase cases[] = {
      {"unknown entry key", "licenses:\n" + entry("X", "    colour: red\n"), util::ErrorCode::invalid,
       "document 1: licenses[0]: unknown key 'colour'"},
      {"unknown term", "licenses:\n" + entry("X", "    terms:\n      vibes: {value: good}\n"),
       util::ErrorCode::invalid, "document 1: licenses[0] (X): terms: unknown key 'vibes'"},
      {"bad enum value",
       "licenses:\n" + entry("X", "    terms:\n      commercial_use: {value: maybe, clause: \"1\"}\n"),
       util::ErrorCode::invalid,
       "document 1: licenses[0] (X): terms.commercial_use.value: 'maybe' is not one of: allowed, banned, "
       "conditional"},
      {"bad duty",
       "licenses:\n" +
           entry("X", "    terms:\n      attribution:\n        - {duty: thanks, clause: \"2\"}\n"),
       util::ErrorCode::invalid,
       "document 1: licenses[0] (X): terms.attribution.duty: 'thanks' is not one of: copy-of-license, "
       "credit, display, "
       "mark-changes, name-prefix, notice"},
      {"bad kind", "licenses:\n  - id: X\n    name: N\n    kind: licence\n    url: u\n",
       util::ErrorCode::invalid,
       "document 1: licenses[0] (X): kind: 'licence' is not one of: license, use-policy"},
      {"missing id", "licenses:\n  - name: Test License\n    kind: license\n    url: https://example.org/l\n",
       util::ErrorCode::invalid, "document 1: licenses[0]: missing 'id'"},
      {"missing url", "licenses:\n  - id: X\n    name: N\n    kind: license\n", util::ErrorCode::invalid,
       "document 1: licenses[0] (X): missing 'url'"},
      {"duplicate id in one document", "licenses:\n" + entry("X") + entry("Y") + entry("x"),
       util::ErrorCode::invalid, "document 1: duplicate id 'x'"},
      {"duplicate id across documents", "---\nlicenses:\n" + entry("X") + "---\nlicenses:\n" + entry("X"),
       util::ErrorCode::invalid, "document 2: duplicate id 'X'"},
      {"policy naming no profile", "licenses:\n" + entry("X", "    policy: LicenseRef-Nope\n"),
       util::ErrorCode::invalid, "X: unknown policy 'LicenseRef-Nope'"},
      {"acceptable_use_policy naming no profile",
       "licenses:\n" +
           entry("X",
                 "    terms:\n      acceptable_use_policy: {policy: LicenseRef-Gone, incorporated: true}\n"),
       util::ErrorCode::invalid, "X: unknown policy 'LicenseRef-Gone'"},
      {"non-numeric threshold",
       "licenses:\n" +
           entry("X", "    terms:\n      user_threshold: {value: lots, unit: monthly active users}\n"),
       util::ErrorCode::invalid,
       "document 1: licenses[0] (X): terms.user_threshold: 'value' must be a number"},
      {"term not a mapping", "licenses:\n" + entry("X", "    terms:\n      copyleft: strong\n"),
       util::ErrorCode::invalid, "document 1: licenses[0] (X): terms.copyleft: expected a mapping"},
      {"list term not a list", "licenses:\n" + entry("X", "    terms:\n      termination: {text: breach}\n"),
       util::ErrorCode::invalid, "document 1: licenses[0] (X): terms.termination: expected a list"},
      {"hub_ids not a list", "licenses:\n" + entry("X", "    hub_ids: mit\n"), util::ErrorCode::invalid,
       "document 1: licenses[0] (X): hub_ids: expected a list"},
      {"no licenses list", "profiles: []\n", util::ErrorCode::invalid,
       "document 1: expected a mapping with a 'licenses' list"},
      {"malformed YAML", "licenses: [\n  - id: X\n", util::ErrorCode::parse,
       "YAML: yaml-cpp: error at line 2, column 3: illegal block entry"},
  };
  for (const ParseErrorCase& c : cases) {
    util::Result<KnowledgeBase> kb = KnowledgeBase::parse(c.yaml);
    ASSERT_FALSE(kb) << c.name << ": parsed although it should not";
    EXPECT_EQ(kb.error().message, c.message) << c.name;
    EXPECT_EQ(kb.error().code, c.code) << c.name;
  }
}

TEST(KnowledgeBaseTest, ParseReadsAValidEntry) {
  std::string yaml =
      "---\nlicenses:\n" +
      entry("LicenseRef-Test",
            "    hub_ids: [test-hub]\n"
            "    hub_names: [Test Name]\n"
            "    policy: LicenseRef-Test-AUP\n"
            "    terms:\n"
            "      commercial_use: {value: conditional, clause: \"2\", quote: \"q\"}\n"
            "      user_threshold: {value: 700000000, unit: monthly active users, clause: \"2\"}\n"
            "      attribution:\n"
            "        - {duty: display, text: Built with Test, clause: \"1.b\"}\n") +
      "  - id: LicenseRef-Test-AUP\n    name: Test Policy\n    kind: use-policy\n    url: "
      "https://example.org/aup\n";
  util::Result<KnowledgeBase> kb = KnowledgeBase::parse(yaml);
  ASSERT_TRUE(kb) << kb.error().message;
  ASSERT_EQ(kb->profiles().size(), 2u);
  const LicenseProfile* p = kb->find("licenseref-test");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->policy, "LicenseRef-Test-AUP");
  EXPECT_EQ(value_of(p->terms.commercial_use), "conditional");
  EXPECT_EQ(p->terms.commercial_use->cite.clause, "2");
  ASSERT_TRUE(p->terms.user_threshold);
  EXPECT_EQ(p->terms.user_threshold->value, 700000000.0);
  EXPECT_EQ(p->terms.user_threshold->unit, "monthly active users");
  ASSERT_EQ(p->terms.attribution.size(), 1u);
  EXPECT_EQ(p->terms.attribution[0].text, "Built with Test");
  ASSERT_EQ(kb->find_hub("TEST-HUB").size(), 1u);
  ASSERT_EQ(kb->find_hub("other", "test name").size(), 1u);
  EXPECT_TRUE(kb->find_hub("test-hub-2").empty());
  EXPECT_TRUE(kb->find_hub("other", "").empty());
}

}  // namespace
}  // namespace aperture::terms
