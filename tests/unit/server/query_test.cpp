#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <aperture/server/query.hpp>

namespace aperture::server {
namespace {

TEST(QueryTest, SplitsAndDecodes) {
  auto p = parse_query_string("a=1&&b=x%20y+z&c&d=%E2%9C%93");
  ASSERT_TRUE(p);
  QueryParams want = {{"a", "1"}, {"b", "x y z"}, {"c", ""}, {"d", "\xE2\x9C\x93"}};
  EXPECT_EQ(*p, want);
}

TEST(QueryTest, RefusesWhatIsNotText) {
  const std::vector<std::string> bad = {"a=%",   "a=%4",      "a=%g0", "a=%00",
                                        "a=%0a", "a=%ff%fe", std::string(1100, 'x')};
  for (const std::string& q : bad) {
    EXPECT_FALSE(parse_query_string("q=" + q + "&" + q)) << q;
  }
  std::string many;
  for (int i = 0; i < 40; ++i) {
    many += "a" + std::to_string(i) + "=1&";
  }
  EXPECT_FALSE(parse_query_string(many));
}

TEST(QueryTest, ReadsReleaseFilters) {
  auto q = parse_release_query(*parse_query_string("license=MIT&level=3&commercial=allowed&osd=fail&osaid="
                                                   "pass&mof=class-ii&q=x&sort=level&page=2&per_page=7"
                                                   "&source=catalog&open_washing=true"));
  ASSERT_TRUE(q) << q.error().message;
  EXPECT_EQ(q->license, "MIT");
  EXPECT_EQ(q->level, 3);
  EXPECT_EQ(q->commercial, "allowed");
  EXPECT_EQ(q->osd, "fail");
  EXPECT_EQ(q->osaid, "pass");
  EXPECT_EQ(q->mof, "class-ii");
  EXPECT_EQ(q->text, "x");
  EXPECT_EQ(q->sort, store::SortKey::level);
  EXPECT_EQ(q->page, 2);
  EXPECT_EQ(q->per_page, 7);
  EXPECT_EQ(q->source, "catalog");
  EXPECT_EQ(q->open_washing, true);
}

TEST(QueryTest, EmptyValuesFilterNothingButNamesAreChecked) {
  auto q = parse_release_query(*parse_query_string("level=&commercial=&page="));
  ASSERT_TRUE(q);
  EXPECT_FALSE(q->level);
  EXPECT_EQ(q->page, 1);
  EXPECT_FALSE(parse_release_query(*parse_query_string("bogus=")));
}

TEST(QueryTest, CompareIds) {
  auto ids = parse_compare_ids(*parse_query_string("ids=a,%20b,,a"));
  ASSERT_TRUE(ids);
  EXPECT_EQ(*ids, (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(parse_compare_ids(*parse_query_string("ids=a")));
  EXPECT_FALSE(parse_compare_ids(*parse_query_string("ids=a,b,c,d,e,f,g,h,i")));
  EXPECT_FALSE(parse_compare_ids(*parse_query_string("ids=a,b&x=1")));
}

}  // namespace
}  // namespace aperture::server
