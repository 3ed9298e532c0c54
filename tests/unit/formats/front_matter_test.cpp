#include <aperture/formats/front_matter.hpp>

#include <gtest/gtest.h>

namespace aperture::formats {
namespace {

TEST(FrontMatterTest, ReadsTheBlockAndTheBodyOffset) {
  std::string text = "---\nlicense: llama3.1\ntags: [a, b]\n---\n# Title\n";
  auto fm = read_front_matter(text);
  ASSERT_TRUE(fm) << fm.error().message;
  EXPECT_EQ(fm->data["license"].as<std::string>(), "llama3.1");
  EXPECT_EQ(fm->data["tags"].size(), 2u);
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
      {"unclosed", "---\nlicense: mit\n", util::ErrorCode::parse, "front matter is not closed by a '---' line"},
      {"not a mapping", "---\n- a\n- b\n---\n", util::ErrorCode::parse, "front matter is not a mapping"},
      {"bad yaml", "---\nlicense: [mit\n---\n", util::ErrorCode::parse, nullptr},
      {"deep nesting", "---\na: " + std::string(200, '[') + std::string(200, ']') + "\n---\n", util::ErrorCode::parse,
       "front matter nested more than 64 levels deep"},
  };
  for (const Case& c : cases) {
    auto fm = read_front_matter(c.text);
    ASSERT_FALSE(fm) << c.name;
    EXPECT_EQ(fm.error().code, c.code) << c.name;
    if (c.message != nullptr) {
      EXPECT_EQ(fm.error().message, c.message) << c.name;
    } else {
      EXPECT_NE(fm.error().message.find("at line"), std::string::npos) << c.name << ": " << fm.error().message;
    }
  }
}

TEST(FrontMatterTest, EmptyBlockIsAnEmptyMapping) {
  auto fm = read_front_matter("---\n---\nbody");
  ASSERT_TRUE(fm);
  EXPECT_TRUE(fm->data.IsMap());
  EXPECT_EQ(fm->data.size(), 0u);
}

}  // namespace
}  // namespace aperture::formats
