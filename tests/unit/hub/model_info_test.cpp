#include <algorithm>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include <aperture/hub/model_info.hpp>

#include "support/test_support.hpp"

namespace aperture::hub {
namespace {

std::string recorded(const std::string& name) {
  std::ifstream in(testing::source_dir() / "tests/data/hub" / name, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(ModelInfoTest, ReadsARecordedAnswer) {
  auto info = read_model_info(recorded("llama-3.1-8b-instruct/model_info.json"));
  ASSERT_TRUE(info) << info.error().to_string();
  EXPECT_EQ(info->id, "meta-llama/Llama-3.1-8B-Instruct");
  EXPECT_EQ(info->author, "meta-llama");
  EXPECT_EQ(info->sha, "0e9e39f249a16976918f6564b8830bc894c89659");
  EXPECT_EQ(info->last_modified, "2024-09-25T17:00:57.000Z");
  EXPECT_EQ(info->pipeline_tag, "text-generation");
  EXPECT_EQ(info->gated, "manual");
  EXPECT_EQ(info->parameter_total, 8030261248u);
  ASSERT_EQ(info->parameters_by_dtype.size(), 1u);
  EXPECT_EQ(info->parameters_by_dtype[0].first, "BF16");
  ASSERT_EQ(info->files.size(), 17u);
  const HubFile& shard = info->files[6];
  EXPECT_EQ(shard.path, "model-00001-of-00004.safetensors");
  EXPECT_EQ(shard.size, 4976698672u);
  EXPECT_TRUE(shard.lfs);
  EXPECT_EQ(shard.lfs_sha256.size(), 64u);
  EXPECT_FALSE(info->files[0].lfs);
  EXPECT_NE(std::find(info->tags.begin(), info->tags.end(), "license:llama3.1"), info->tags.end());
}

TEST(ModelInfoTest, ReadsTheGate) {
  struct Case {
    const char* json;
    const char* gated;
  };
  const Case cases[] = {
      {R"({"gated": false})", ""},      {R"({"gated": null})", ""},           {R"({})", ""},
      {R"({"gated": "auto"})", "auto"}, {R"({"gated": "manual"})", "manual"}, {R"({"gated": true})", "true"},
  };
  for (const Case& c : cases) {
    auto info = read_model_info(c.json);
    ASSERT_TRUE(info) << c.json;
    EXPECT_EQ(info->gated, c.gated) << c.json;
  }
}

TEST(ModelInfoTest, TakesTheLfsSizeAsTheFileSize) {
  auto info = read_model_info(
      R"({"siblings": [{"rfilename": "a.bin", "size": 135, "lfs": {"size": 9000, "sha256": "ab"}}]})");
  ASSERT_TRUE(info);
  ASSERT_EQ(info->files.size(), 1u);
  EXPECT_EQ(info->files[0].size, 9000u);
}

TEST(ModelInfoTest, RejectsWhatIsNotAModelInfo) {
  struct Case {
    const char* name;
    std::string json;
    const char* says;
  };
  const Case cases[] = {
      {"empty", "", "not valid JSON"},
      {"truncated", R"({"id": "a/b", "siblings": [)", "not valid JSON"},
      {"array", "[1, 2]", "not a JSON object"},
      {"id not a string", R"({"id": 3})", "`id` is not a string"},
      {"siblings not a list", R"({"siblings": {}})", "`siblings` is not a list"},
      {"sibling not an object", R"({"siblings": [3]})", "siblings[0] is not an object"},
      {"no rfilename", R"({"siblings": [{"size": 3}]})", "siblings[0] has no plain relative `rfilename`"},
      {"negative size", R"({"siblings": [{"rfilename": "a", "size": -1}]})", "siblings[0].size"},
      {"size as text", R"({"siblings": [{"rfilename": "a", "size": "3"}]})", "siblings[0].size"},
      {"lfs size", R"({"siblings": [{"rfilename": "a", "lfs": {"size": 1.5}}]})", "siblings[0].lfs.size"},
      {"total", R"({"safetensors": {"total": "8B"}})", "safetensors.total"},
      {"dtype count", R"({"safetensors": {"parameters": {"BF16": -3}}})", "safetensors.parameters"},
      {"gated number", R"({"gated": 1})", "`gated`"},
  };
  for (const Case& c : cases) {
    auto info = read_model_info(c.json);
    ASSERT_FALSE(info) << c.name;
    EXPECT_EQ(info.error().code, util::ErrorCode::parse) << c.name;
    EXPECT_NE(info.error().message.find(c.says), std::string::npos) << c.name << ": " << info.error().message;
    EXPECT_EQ(info.error().message.find('\n'), std::string::npos) << c.name;
  }
}

TEST(ModelInfoTest, RejectsPathsThatAreNotPlainAndRelative) {
  for (const char* path :
       {"", "/etc/passwd", "../x", "a/../b", "a//b", "a/./b", "a/", "a\\\\b", "a\\u0001b", "a\\nb"}) {
    std::string json = std::string(R"({"siblings": [{"rfilename": ")") + path + R"("}]})";
    auto info = read_model_info(json);
    EXPECT_FALSE(info) << json;
  }
  std::string long_path(k_max_hub_path + 1, 'a');
  EXPECT_FALSE(read_model_info(R"({"siblings": [{"rfilename": ")" + long_path + R"("}]})"));
}

TEST(ModelInfoTest, IgnoresFieldsItDoesNotReadAndDeepNesting) {
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  std::string json = R"({"cardData": )" + deep + R"(, "extra": {"a": {"b": {"c": {"d": {"e": 1}}}}},)" +
                     R"( "siblings": [{"rfilename": "README.md", "size": 12, "lfs": {"x": {"y": )" + deep +
                     R"(}}}]})";
  auto info = read_model_info(json);
  ASSERT_TRUE(info) << info.error().to_string();
  ASSERT_EQ(info->files.size(), 1u);
  EXPECT_EQ(info->files[0].path, "README.md");
}

TEST(ModelInfoTest, RefusesTooManyFiles) {
  std::string json = R"({"siblings": [)";
  for (std::size_t i = 0; i <= k_max_hub_files; ++i) {
    json += i == 0 ? R"({"rfilename": "f"})" : R"(,{"rfilename": "f"})";
  }
  json += "]}";
  auto info = read_model_info(json);
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, util::ErrorCode::too_large);
}

}  // namespace
}  // namespace aperture::hub
