#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include <aperture/audit/dump_record.hpp>

#include "support/test_support.hpp"

namespace aperture::audit {
namespace {

TEST(DumpRecordTest, ReadsARecordedHubAnswer) {
  std::ifstream in(testing::source_dir() / "tests/data/hub/llama-3.1-8b-instruct/model_info.json",
                   std::ios::binary);
  std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto r = parse_record(json);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->id, "meta-llama/Llama-3.1-8B-Instruct");
  EXPECT_EQ(r->license, "llama3.1");
  ASSERT_EQ(r->base_models.size(), 1u);
  EXPECT_EQ(r->base_models[0],
            "meta-llama/Meta-Llama-3.1-8B");   // the card says it first (the tags the new name)
  EXPECT_EQ(r->relation, Relation::finetune);  // from the tag base_model:finetune:...
  EXPECT_TRUE(r->has_weights);
  EXPECT_GT(r->file_count, 5u);
}

TEST(DumpRecordTest, CardDataWinsOverTags) {
  auto r = parse_record(
      R"({"id":"a/b","tags":["license:mit","base_model:adapter:x/y"],)"
      R"("cardData":{"license":"Apache-2.0","base_model":["p/q","r/s"],"base_model_relation":"merge"}})");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->license, "Apache-2.0");
  EXPECT_EQ(r->base_models, (std::vector<std::string>{"p/q", "r/s"}));
  EXPECT_EQ(r->relation, Relation::merge);
}

TEST(DumpRecordTest, TagsFillWhatTheCardDoesNotSay) {
  auto r = parse_record(R"({"id":"a/b-GGUF","tags":["gguf","license:gemma","base_model:google/gemma-2-9b",)"
                        R"("base_model:quantized:google/gemma-2-9b","open-source"],)"
                        R"("siblings":[{"rfilename":"m.Q4_K_M.gguf"},{"rfilename":"LICENSE.txt"}]})");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->license, "gemma");
  EXPECT_EQ(r->base_models, (std::vector<std::string>{"google/gemma-2-9b"}));
  EXPECT_EQ(r->relation, Relation::quantized);
  EXPECT_TRUE(r->claims_open_source);
  EXPECT_EQ(r->file_count, 2u);
  EXPECT_TRUE(r->has_weights);
  EXPECT_TRUE(r->has_license_file);
}

TEST(DumpRecordTest, DatasetsFromTheCardElseFromTags) {
  auto card = parse_record(R"({"id":"a/b","tags":["dataset:t/from-tag"],)"
                           R"("cardData":{"datasets":["x/one"," x/two ","x/one",""]}})");
  ASSERT_TRUE(card) << card.error().to_string();
  EXPECT_EQ(card->datasets, (std::vector<std::string>{"x/one", "x/two"}));  // trimmed, each once
  auto single = parse_record(R"({"id":"a/b","cardData":{"datasets":"x/only"}})");
  ASSERT_TRUE(single) << single.error().to_string();
  EXPECT_EQ(single->datasets, (std::vector<std::string>{"x/only"}));
  auto tags = parse_record(R"({"id":"a/b","tags":["dataset:t/one","dataset:t/two","license:mit"]})");
  ASSERT_TRUE(tags) << tags.error().to_string();
  EXPECT_EQ(tags->datasets, (std::vector<std::string>{"t/one", "t/two"}));
  std::string many = R"({"id":"a/b","cardData":{"datasets":[)";
  for (int i = 0; i < 200; ++i) {
    many += (i == 0 ? "\"d/" : ",\"d/") + std::to_string(i) + "\"";
  }
  auto capped = parse_record(many + "]}}");
  ASSERT_TRUE(capped) << capped.error().to_string();
  EXPECT_EQ(capped->datasets.size(), k_max_record_bases);
}

TEST(DumpRecordTest, RejectsWhatIsNotARecord) {
  struct Case {
    const char* name;
    const char* line;
    const char* message;
  } cases[] = {
      {"truncated", R"({"id":"a/b","tags":[)", "malformed JSON"},
      {"trailing", R"({"id":"a/b"}})", "malformed JSON"},
      {"html", "<html>", "malformed JSON"},
      {"array", R"(["a"])", "not a JSON object"},
      {"number", "42", "not a JSON object"},
      {"numeric id", R"({"id":5})", "no string \"id\""},
      {"no id", R"({"tags":[]})", "no string \"id\""},
  };
  for (const Case& c : cases) {
    auto r = parse_record(c.line);
    ASSERT_FALSE(r) << c.name;
    EXPECT_NE(r.error().message.find(c.message), std::string::npos) << c.name << ": " << r.error().message;
    EXPECT_EQ(r.error().message.find('\n'), std::string::npos) << c.name;
  }
}

TEST(DumpRecordTest, DeepNestingDoesNotRecurse) {
  std::string deep = R"({"id":"a/b","x":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  auto r = parse_record(deep);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->id, "a/b");
}

TEST(DumpRecordTest, InfersTheRelation) {
  struct Case {
    const char* name;
    DumpRecord record;
    Relation want;
  } cases[] = {
      {"no base", DumpRecord{"a/b", "", "", {}, Relation::none}, Relation::none},
      {"two bases", DumpRecord{"a/b", "", "", {"x/y", "z/w"}, Relation::none}, Relation::merge},
      {"gguf name", DumpRecord{"a/b-GGUF", "", "", {"x/y"}, Relation::none}, Relation::quantized},
      {"awq name", DumpRecord{"a/b-AWQ", "", "", {"x/y"}, Relation::none}, Relation::quantized},
      {"plain", DumpRecord{"a/b-chat", "", "", {"x/y"}, Relation::none}, Relation::finetune},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(infer_relation(c.record), c.want) << c.name;
  }
  DumpRecord adapter{"a/b", "", "", {"x/y"}, Relation::none};
  adapter.has_adapter_config = true;
  EXPECT_EQ(infer_relation(adapter), Relation::adapter);
}

}  // namespace
}  // namespace aperture::audit
