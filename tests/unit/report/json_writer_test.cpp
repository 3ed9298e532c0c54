#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <aperture/report/json_writer.hpp>

namespace aperture::report {
namespace {

TEST(JsonWriterTest, LaysOutLikeEveryOtherCommand) {
  nlohmann::ordered_json expected;
  expected["name"] = "orca";
  expected["count"] = 8030261248ULL;
  expected["negative"] = -3;
  expected["score"] = 0.16666666666666666;
  expected["whole"] = 1.0;
  expected["open"] = true;
  expected["license"] = nullptr;
  expected["empty_list"] = nlohmann::ordered_json::array();
  expected["empty_object"] = nlohmann::ordered_json::object();
  expected["lines"] = {{1, 2}, {7, 9}};
  expected["nested"]["evidence"] = {{{"file", "README.md"}, {"line", 3}}};

  JsonWriter w;
  w.begin_object();
  w.field("name", "orca").field("count", 8030261248ULL).field("negative", -3);
  w.field("score", 0.16666666666666666).field("whole", 1.0).field("open", true);
  w.key("license").null();
  w.key("empty_list").begin_array().end_array();
  w.key("empty_object").begin_object().end_object();
  w.key("lines").begin_array();
  w.begin_array().value(1).value(2).end_array();
  w.begin_array().value(7).value(9).end_array();
  w.end_array();
  w.key("nested").begin_object().key("evidence").begin_array();
  w.begin_object().field("file", "README.md").field("line", 3U).end_object();
  w.end_array().end_object();
  w.end_object();
  EXPECT_EQ(w.take(), expected.dump(2));
}

TEST(JsonWriterTest, EscapesLikeNlohmann) {
  std::string tricky =
      "quote \" backslash \\ tab \t line\n cr\r bell\x07 unit\x1f del\x7f caf\xC3\xA9 \xF0\x9F\x98\x80 /";
  JsonWriter w;
  w.value(tricky);
  EXPECT_EQ(w.take(), nlohmann::json(tricky).dump());
}

TEST(JsonWriterTest, ReplacesBytesThatAreNotUtf8) {
  JsonWriter w;
  w.begin_array()
      .value(std::string("a\xFF"
                         "b\xC3"))
      .value(std::string("\xED\xA0\x80"))
      .end_array();
  std::string text = w.take();
  nlohmann::json parsed = nlohmann::json::parse(text);  // valid JSON, or this throws
  EXPECT_EQ(parsed[0], "a\xEF\xBF\xBD"
                       "b\xEF\xBF\xBD");
  EXPECT_EQ(parsed[1], "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate is three invalid bytes
}

TEST(JsonWriterTest, OptionalMembers) {
  JsonWriter w;
  w.begin_object().field_if("file", "").field_if("url", "https://x").field("level", std::optional<int>());
  w.field("count", std::optional<int>(4)).end_object();
  EXPECT_EQ(w.take(), "{\n  \"url\": \"https://x\",\n  \"level\": null,\n  \"count\": 4\n}");
}

TEST(JsonWriterTest, TakeLeavesTheWriterEmpty) {
  JsonWriter w;
  w.begin_array().value(1).end_array();
  EXPECT_EQ(w.take(), "[\n  1\n]");
  w.value("x");
  EXPECT_EQ(w.take(), "\"x\"");
}

}  // namespace
}  // namespace aperture::report
