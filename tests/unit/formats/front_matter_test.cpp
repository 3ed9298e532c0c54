#include <gtest/gtest.h>

#include <aperture/formats/front_matter.hpp>

namespace aperture::formats {
namespace {

TEST(FrontMatterTest, ReadsTheBlockAndTheBodyOffset) {
  std::string text = "---\nlicense: llama3.1\ntags: [a, b]\n---\n# Title\n";
  auto fm = read_front_matter(text);
  ASSERT_TRUE(fm) << fm.error().message;
  ASSERT_NE(fm->data.find("license"), nullptr);
  EXPECT_EQ(fm->data.find("license")->scalar, "llama3.1");
  EXPECT_EQ(fm->data.find("license")->line, 2u);
  EXPECT_EQ(fm->data.find("tags")->items.size(), 2u);
  EXPECT_EQ(fm->yaml_offset, 4u);
  EXPECT_EQ(text.substr(fm->body_offset), "# Title\n");
}

TEST(FrontMatterTest, ReportsWhatIsWrong) {
  struct Case {
    const char* name;
    std::string text;
    util::ErrorCode code;
    const char* message;
  };
  const Case cases[] = {
      {"none", "# Just markdown\n", util::ErrorCode::not_found, "no front matter"},
      {"unclosed", "---\nlicense: mit\n", util::ErrorCode::parse,
       "front matter is not closed by a '---' line"},
      {"not a mapping", "---\n- a\n- b\n---\n", util::ErrorCode::parse, "front matter is not a mapping"},
      {"bad yaml", "---\nlicense: [mit\n---\n", util::ErrorCode::parse, nullptr},
      {"deep nesting", "---\na: " + std::string(200, '[') + std::string(200, ']') + "\n---\n",
       util::ErrorCode::parse, "front matter: nested more than 64 levels deep at line 2, column 67"},
  };
  for (const Case& c : cases) {
    auto fm = read_front_matter(c.text);
    ASSERT_FALSE(fm) << c.name;
    EXPECT_EQ(fm.error().code, c.code) << c.name;
    if (c.message != nullptr) {
      EXPECT_EQ(fm.error().message, c.message) << c.name;
    } else {
      EXPECT_NE(fm.error().message.find("at line"), std::string::npos)
          << c.name << ": " << fm.error().message;
    }
  }
}

TEST(FrontMatterTest, EmptyBlockIsAnEmptyMapping) {
  auto fm = read_front_matter("---\n---\nbody");
  ASSERT_TRUE(fm);
  EXPECT_TRUE(fm->data.is_mapping());
  EXPECT_EQ(fm->data.entries.size(), 0u);
}

TEST(FrontMatterTest, AliasesAreNotExpanded) {
  // "Billion laughs": every alias would multiply the document if expanded.
  std::string text =
      "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n";
  auto fm = read_front_matter(text);
  ASSERT_TRUE(fm) << fm.error().message;
  EXPECT_EQ(fm->data.find("d")->items.size(), 9u);
  EXPECT_EQ(fm->data.find("d")->items.front().kind, YamlNode::Kind::null);
}

TEST(FrontMatterTest, TooManyNodesIsAnError) {
  std::string text = "---\nx: [";
  for (int i = 0; i < 300000; ++i) {
    text += "1,";
  }
  text += "1]\n---\n";
  auto fm = read_front_matter(text);
  ASSERT_FALSE(fm);
  EXPECT_NE(fm.error().message.find("more than 200000 nodes"), std::string::npos) << fm.error().message;
}

TEST(FrontMatterTest, EvaluationResultsAreNotParsedAndLinesStay) {
  std::string text = "---\n"
                     "license: mit\n"
                     "model-index:\n"
                     "- results:\n"
                     "  - task:\n"
                     "      type: text-generation\n"
                     "    metrics:\n"
                     "    - {type: acc, value: 0.5}\n"
                     "  name: demo-7b\n"
                     "- name: second\n"
                     "  results:\n"
                     "  # a comment\n"
                     "  - task: {type: x}\n"
                     "tags:\n"
                     "- results:\n"  // not inside model-index: kept
                     "---\n";
  auto fm = read_front_matter(text);
  ASSERT_TRUE(fm) << fm.error().message;
  const YamlNode* index = fm->data.find("model-index");
  ASSERT_NE(index, nullptr);
  ASSERT_TRUE(index->is_sequence());
  ASSERT_EQ(index->items.size(), 2u);
  EXPECT_EQ(index->line, 4u);
  const YamlNode* results = index->items[0].find("results");
  ASSERT_NE(results, nullptr);
  EXPECT_TRUE(results->is_scalar() && results->scalar.empty());
  EXPECT_EQ(index->items[0].find("name")->scalar, "demo-7b");
  EXPECT_EQ(index->items[0].find("name")->line, 9u);
  EXPECT_EQ(index->items[1].find("name")->scalar, "second");
  EXPECT_EQ(fm->data.find("tags")->line, 15u);
  EXPECT_TRUE(fm->data.find("tags")->items[0].is_mapping());
}

TEST(FrontMatterTest, EvaluationResultsTheLineReadingGetsWrongAreReadWhole) {
  // A quoted scalar spanning a `results:` line: read as written.
  auto fm = read_front_matter("---\nmodel-index:\n- name: \"a\n  results:\n    b\"\nlicense: mit\n---\n");
  ASSERT_TRUE(fm) << fm.error().message;
  EXPECT_EQ(fm->data.find("model-index")->items[0].find("name")->scalar, "a results: b");
  // Malformed YAML elsewhere is still an error.
  EXPECT_FALSE(read_front_matter("---\nmodel-index:\n- results:\n  - x\nlicense: [\n---\n"));
}

TEST(FrontMatterTest, NonScalarKeysAreSkipped) {
  auto fm = read_front_matter("---\n? [a, b]\n: c\nlicense: mit\n---\n");
  ASSERT_TRUE(fm) << fm.error().message;
  ASSERT_EQ(fm->data.entries.size(), 1u);
  EXPECT_EQ(fm->data.entries.front().key, "license");
}

}  // namespace
}  // namespace aperture::formats
