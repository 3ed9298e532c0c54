// Tests src/aperture/bom/facts.cpp: licenses resolved through the knowledge
// base, lineage and data sets linked by reference, the derived timestamp.
#include <gtest/gtest.h>

#include <aperture/bom/facts.hpp>

#include "bom_fixture.hpp"

namespace aperture::bom {
namespace {

TEST(BomFactsTest, ResolvesLicenseIdsAndNamesCustomLicenses) {
  struct Case {
    const char* text;
    const char* expression;
    bool simple_list;
    std::size_t terms;
  };
  const Case cases[] = {
      {"Apache-2.0", "Apache-2.0", true, 1},
      {"MIT AND Apache-2.0", "MIT AND Apache-2.0", true, 2},
      {"MIT OR Apache-2.0", "MIT OR Apache-2.0", false, 2},
      {"GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0", false, 1},
      {"LicenseRef-Llama-3.1", "LicenseRef-Llama-3.1", true, 1},
      {"llama3.1", "LicenseRef-Llama-3.1", true, 1},  // a Hugging Face id
      {"some custom terms", "LicenseRef-some-custom-terms", true, 1},
      {"", "", false, 0},
      {"NOASSERTION", "", false, 0},
  };
  for (const Case& c : cases) {
    LicenseInfo info = license_info(c.text);
    EXPECT_EQ(info.expression, c.expression) << c.text;
    EXPECT_EQ(info.simple_list, c.simple_list) << c.text;
    EXPECT_EQ(info.terms.size(), c.terms) << c.text;
  }
  LicenseInfo llama = license_info("LicenseRef-Llama-3.1");
  ASSERT_EQ(llama.terms.size(), 1u);
  EXPECT_FALSE(llama.terms[0].spdx_listed);
  EXPECT_NE(llama.terms[0].name.find("Llama 3.1"), std::string::npos) << llama.terms[0].name;
  EXPECT_EQ(llama.terms[0].url.rfind("https://", 0), 0u) << llama.terms[0].url;
  EXPECT_TRUE(license_info("Apache-2.0").terms[0].spdx_listed);
}

TEST(BomFactsTest, LinksAncestorsAndDatasetsToTheModelsThatNameThem) {
  BomFacts f = facts_of(testing::bom_fixture());
  EXPECT_EQ(f.model.name, "Example Chat 8B");
  EXPECT_EQ(f.model.released, "2024-07-23T00:00:00Z");
  EXPECT_EQ(f.model.declared.expression, "LicenseRef-Llama-3.1");
  EXPECT_EQ(f.model.concluded.expression, "LicenseRef-Llama-3.1");
  EXPECT_EQ(f.model.card_url, "https://huggingface.co/example/chat-8b/blob/main/README.md");
  ASSERT_EQ(f.ancestors.size(), 2u);
  EXPECT_EQ(f.ancestors[0].child_refs, std::vector<std::string>{"model"});
  EXPECT_EQ(f.ancestors[1].child_refs, std::vector<std::string>{f.ancestors[0].ref});
  EXPECT_TRUE(f.ancestors[1].relation_inferred);
  ASSERT_EQ(f.datasets.size(), 2u);
  EXPECT_EQ(f.model.datasets, std::vector<std::string>{f.datasets[0].ref});
  EXPECT_EQ(f.ancestors[0].datasets, std::vector<std::string>{f.datasets[1].ref});
  EXPECT_EQ(f.datasets[0].license.expression, "CC-BY-NC-4.0");
  EXPECT_EQ(f.datasets[1].license.expression, "");
  EXPECT_EQ(f.verdicts.osd, "fail");
}

TEST(BomFactsTest, NamesEachDatasetOnce) {
  frameworks::Assessment a = testing::bom_fixture();
  lineage::Dataset again = a.lineage.datasets[0];
  again.named_by = a.lineage.ancestors[0].name;
  a.lineage.datasets.push_back(again);
  BomFacts f = facts_of(a);
  ASSERT_EQ(f.datasets.size(), 2u);
  EXPECT_EQ(f.ancestors[0].datasets.size(), 2u);
}

TEST(BomFactsTest, TimestampIsTheLastCheckDateElseTheReleaseDateElseTheEpoch) {
  frameworks::Assessment a = testing::bom_fixture();
  EXPECT_EQ(default_timestamp(a.release), "2025-01-02T00:00:00Z");
  a.release.component(release::ComponentKind::model_parameters_final).evidence.clear();
  EXPECT_EQ(default_timestamp(a.release), "2024-07-23T00:00:00Z");
  a.release.released = "2024-07";  // a month alone is not a time
  EXPECT_EQ(default_timestamp(a.release), "1970-01-01T00:00:00Z");
}

}  // namespace
}  // namespace aperture::bom
