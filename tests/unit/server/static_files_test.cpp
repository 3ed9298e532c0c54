#include <gtest/gtest.h>

#include <aperture/server/static_files.hpp>
#include <aperture/server/web_bundle.hpp>

namespace aperture::server {
namespace {

TEST(StaticFilesTest, ServesTheEmbeddedPage) {
  if (web_bundle().empty()) {
    GTEST_SKIP() << "web/ held no files at build time";
  }
  ApiResponse index = static_file({});
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(static_file({"release", "llama-3.1-8b"}).body, index.body) << "client routes get index.html";
  EXPECT_EQ(static_file({"compare"}).body, index.body);
  EXPECT_EQ(static_file({"no-such-file.js"}).status, 404);
  for (const BundleFile& f : web_bundle()) {
    ApiResponse r = static_file({std::string(f.path.substr(1))});
    EXPECT_EQ(r.status, 200) << f.path;
    EXPECT_EQ(r.body, f.bytes) << f.path;
  }
}

TEST(StaticFilesTest, TheTableIsSortedForLookup) {
  const auto& files = web_bundle();
  for (std::size_t i = 1; i < files.size(); ++i) {
    EXPECT_LT(files[i - 1].path, files[i].path);
  }
}

TEST(StaticFilesTest, ContentTypes) {
  EXPECT_EQ(content_type_for("/app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("/app.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("/x.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("/x.bin"), "application/octet-stream");
}

}  // namespace
}  // namespace aperture::server
