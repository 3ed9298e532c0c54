#include <gtest/gtest.h>

#include <aperture/store/sql.hpp>

namespace aperture::store {
namespace {

TEST(SqlTest, NumbersPlaceholdersOutsideQuotes) {
  EXPECT_EQ(numbered_placeholders("a = ? AND b LIKE '?' AND c = ?"), "a = $1 AND b LIKE '?' AND c = $2");
}

TEST(SqlTest, LikePatternEscapesWildcards) {
  EXPECT_EQ(like_pattern("A_b%c\\"), "%a\\_b\\%c\\\\%");
}

TEST(SqlTest, FiltersBecomeParametersNeverText) {
  ReleaseQuery q;
  q.license = "x' OR 1=1 --";
  q.text = "y";
  q.level = 3;
  Sql sql = list_sql(q);
  EXPECT_EQ(sql.text.find("OR 1=1"), std::string::npos);
  EXPECT_EQ(sql.params.size(), 1u + 1u + 3u + 2u);  // license, level, 3 × text, limit, offset
  EXPECT_EQ(std::get<std::string>(sql.params[0]), "x' or 1=1 --");
}

TEST(SqlTest, LicenseKeysAreLowerCaseAndDistinct) {
  ReleaseRecord r;
  r.licenses = {"MIT", "mit", "Apache-2.0"};
  EXPECT_EQ(license_keys(r), (std::vector<std::string>{"apache-2.0", "mit"}));
}

}  // namespace
}  // namespace aperture::store
