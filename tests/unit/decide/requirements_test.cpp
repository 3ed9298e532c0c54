// Tests src/aperture/decide/requirements.cpp: the --require syntax.
#include <string>

#include <gtest/gtest.h>

#include <aperture/decide/requirements.hpp>

namespace aperture::decide {
namespace {

TEST(RequirementsTest, ParsesEveryItem) {
  auto r = parse_requirements("commercial, redistribute,fine-tune,on-prem,eu,users=5000");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->needs.size(), 5u);
  EXPECT_TRUE(r->has(Need::on_prem));
  ASSERT_TRUE(r->users);
  EXPECT_EQ(*r->users, 5000u);
  EXPECT_EQ(to_string(*r), "commercial,redistribute,fine-tune,on-prem,eu,users=5000");
}

TEST(RequirementsTest, RepeatedItemsCountOnceAndEmptyItemsAreSkipped) {
  auto r = parse_requirements("eu,,eu, commercial ,");
  ASSERT_TRUE(r);
  EXPECT_EQ(to_string(*r), "eu,commercial");
}

TEST(RequirementsTest, AddsToEarlierRequirements) {
  auto first = parse_requirements("eu");
  ASSERT_TRUE(first);
  auto both = parse_requirements("commercial", *first);
  ASSERT_TRUE(both);
  EXPECT_EQ(to_string(*both), "eu,commercial");
}

TEST(RequirementsTest, CountsTakeSuffixes) {
  struct Case {
    const char* text;
    std::optional<std::uint64_t> want;
  } cases[] = {
      {"5000", 5000},
      {"700M", 700000000},
      {"2b", 2000000000},
      {"10k", 10000},
      {"", std::nullopt},
      {"M", std::nullopt},
      {"-1", std::nullopt},
      {"1.5M", std::nullopt},
      {"99999999999999999999", std::nullopt},
      {"20000000000000B", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(parse_count(c.text), c.want) << c.text;
  }
}

TEST(RequirementsTest, ErrorsNameTheBadItemOnOneLine) {
  struct Case {
    const char* list;
    const char* message;
  } cases[] = {
      {"commercial,sell-it", "unknown requirement 'sell-it'"},
      {"users=lots", "bad requirement 'users=lots'"},
      {"users=", "bad requirement 'users='"},
      {"eu,comm\nercial", "unknown requirement 'comm ercial'"},
  };
  for (const Case& c : cases) {
    auto r = parse_requirements(c.list);
    ASSERT_FALSE(r) << c.list;
    EXPECT_NE(r.error().message.find(c.message), std::string::npos) << c.list << ": " << r.error().message;
    EXPECT_EQ(r.error().message.find('\n'), std::string::npos) << c.list;
  }
}

}  // namespace
}  // namespace aperture::decide
