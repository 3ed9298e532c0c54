#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include <aperture/formats/safetensors.hpp>

#include "support/test_support.hpp"
#include "unit/formats/weight_fixtures.hpp"

namespace aperture::formats {
namespace {

using testing::SafetensorsBuilder;

TEST(SafetensorsTest, ReadsATwoTensorHeader) {
  SafetensorsBuilder file = SafetensorsBuilder()
                                .metadata("format", "pt")
                                .tensor("model.embed_tokens.weight", "F16", {4096, 4096})
                                .tensor("model.norm.weight", "F32", {4096});
  auto header = read_safetensors_header(file.header_bytes());
  ASSERT_TRUE(header) << header.error().message;
  EXPECT_EQ(header->tensor_count, 2u);
  EXPECT_EQ(header->parameter_count, 4096u * 4096u + 4096u);
  EXPECT_EQ(header->dtypes, (std::map<std::string, std::uint64_t>{{"F16", 1}, {"F32", 1}}));
  EXPECT_EQ(header->metadata, (std::map<std::string, std::string>{{"format", "pt"}}));
  EXPECT_EQ(header->data_size, 4096u * 4096u * 2u + 4096u * 4u);
  EXPECT_EQ(header->header_length, file.header_bytes().size() - 8);
  EXPECT_FALSE(header->file_size);
}

TEST(SafetensorsTest, CountsTensorsPerDtype) {
  SafetensorsBuilder file = SafetensorsBuilder()
                                .tensor("a", "BF16", {8, 8})
                                .tensor("b", "BF16", {8})
                                .tensor("c", "I64", {1, 8})
                                .tensor("d", "F8_E4M3", {16})
                                .tensor("e", "BOOL", {3});
  std::string bytes = file.build();
  auto header = read_safetensors_header(bytes, bytes.size());
  ASSERT_TRUE(header) << header.error().message;
  EXPECT_EQ(header->dtypes,
            (std::map<std::string, std::uint64_t>{{"BF16", 2}, {"BOOL", 1}, {"F8_E4M3", 1}, {"I64", 1}}));
  EXPECT_EQ(header->parameter_count, 64u + 8u + 8u + 16u + 3u);
  EXPECT_EQ(header->file_size, bytes.size());
}

TEST(SafetensorsTest, EmptyHeadersAndScalarTensorsAreValid) {
  auto empty = read_safetensors_header(SafetensorsBuilder().build());
  ASSERT_TRUE(empty) << empty.error().message;
  EXPECT_EQ(empty->tensor_count, 0u);
  EXPECT_EQ(empty->parameter_count, 0u);

  // A scalar has one element; a zero dimension makes an empty tensor.
  auto header =
      read_safetensors_header(SafetensorsBuilder().tensor("s", "F32", {}).tensor("z", "F16", {0, 9}).build());
  ASSERT_TRUE(header) << header.error().message;
  EXPECT_EQ(header->parameter_count, 1u);
  EXPECT_EQ(header->data_size, 4u);
}

TEST(SafetensorsTest, ChecksByteSizesOfKnownDtypes) {
  struct Case {
    const char* name;
    const char* entry;
    const char* error;  // nullptr: valid
  };
  const Case cases[] = {
      {"f16 exact", R"({"dtype":"F16","shape":[2,2],"data_offsets":[0,8]})", nullptr},
      {"f16 short", R"({"dtype":"F16","shape":[2,2],"data_offsets":[0,7]})",
       "tensor \"t\": F16 [2, 2] needs 8 bytes but data_offsets span 7"},
      {"f4 packs two per byte", R"({"dtype":"F4","shape":[2,3],"data_offsets":[0,3]})", nullptr},
      {"f4 odd count", R"({"dtype":"F4","shape":[3],"data_offsets":[0,2]})",
       "tensor \"t\": F4 [3] is not a whole number of bytes"},
      {"f6", R"({"dtype":"F6_E2M3","shape":[4],"data_offsets":[0,3]})", nullptr},
      {"c64", R"({"dtype":"C64","shape":[2],"data_offsets":[0,16]})", nullptr},
      {"f8 e8m0", R"({"dtype":"F8_E8M0","shape":[5],"data_offsets":[0,5]})", nullptr},
      {"unknown dtype is not size-checked", R"({"dtype":"Q4X","shape":[7],"data_offsets":[0,1]})", nullptr},
      {"bits overflow", R"({"dtype":"F64","shape":[4611686018427387904],"data_offsets":[0,0]})",
       "tensor \"t\": F64 [4611686018427387904] needs more than 2^64 bits"},
      {"unknown fields are ignored",
       R"({"x":{"y":[1,{"z":null}]},"dtype":"U8","shape":[1],"data_offsets":[0,1],"w":"v"})", nullptr},
  };
  for (const Case& c : cases) {
    auto header = read_safetensors_header(SafetensorsBuilder().tensor_entry("t", c.entry).header_bytes());
    if (c.error == nullptr) {
      EXPECT_TRUE(header) << c.name << ": " << header.error().message;
    } else {
      ASSERT_FALSE(header) << c.name;
      EXPECT_EQ(header.error().message, c.error) << c.name;
    }
  }
}

TEST(SafetensorsTest, ReportsWhatIsWrongInOneLine) {
  struct Case {
    const char* name;
    std::string bytes;
    std::optional<std::uint64_t> file_size;
    util::ErrorCode code;
    std::string message;  // exact, or a prefix when it ends in "..."
  };
  auto entry = [](const char* json) { return SafetensorsBuilder().tensor_entry("w", json).header_bytes(); };
  auto header = [](const char* json) { return SafetensorsBuilder().header_json(json).header_bytes(); };
  std::string small = SafetensorsBuilder().tensor("w", "U8", {4}).build();
  const Case cases[] = {
      {"empty file", "", std::nullopt, util::ErrorCode::parse,
       "truncated: header length at offset 0 needs 8 bytes, 0 left"},
      {"length past the data", SafetensorsBuilder().tensor("w", "U8", {4}).header_length(4096).header_bytes(),
       std::nullopt, util::ErrorCode::parse, "truncated: header at offset 8 needs 4096 bytes, 56 left"},
      {"length past the file", SafetensorsBuilder().tensor("w", "U8", {4}).header_length(4096).build(), 76,
       util::ErrorCode::parse, "header length 4096 exceeds the file size (76 bytes)"},
      {"absurd length", SafetensorsBuilder().header_length(8589934592).build(), std::nullopt,
       util::ErrorCode::too_large, "header length 8589934592 exceeds the 100 MB limit"},
      {"not json", header("not json"), std::nullopt, util::ErrorCode::parse,
       "header is not valid JSON: parse error at line 1, column 2: ..."},
      {"trailing garbage", header("{} x"), std::nullopt, util::ErrorCode::parse,
       "header is not valid JSON: ..."},
      {"invalid utf-8", header("{\"\xff\":1}"), std::nullopt, util::ErrorCode::parse,
       "header is not valid JSON: ..."},
      {"empty json", header(""), std::nullopt, util::ErrorCode::parse, "header is not valid JSON: ..."},
      {"array", header("[1, 2]"), std::nullopt, util::ErrorCode::parse, "header is not a JSON object"},
      {"string", header("\"x\""), std::nullopt, util::ErrorCode::parse, "header is not a JSON object"},
      {"tensor not an object", header(R"({"w": 5})"), std::nullopt, util::ErrorCode::parse,
       "tensor \"w\" is a number, not an object"},
      {"metadata not an object", header(R"({"__metadata__": [1]})"), std::nullopt, util::ErrorCode::parse,
       "__metadata__ is an array, not an object"},
      {"metadata value not a string", header(R"({"__metadata__": {"n": 1}})"), std::nullopt,
       util::ErrorCode::parse, "__metadata__ value of \"n\" is a number, not a string"},
      {"negative dimension", entry(R"({"dtype":"F16","shape":[-1, 2],"data_offsets":[0,0]})"), std::nullopt,
       util::ErrorCode::parse, "tensor \"w\": shape holds a negative number, not a non-negative integer"},
      {"fractional dimension", entry(R"({"dtype":"F16","shape":[1.5],"data_offsets":[0,0]})"), std::nullopt,
       util::ErrorCode::parse, "tensor \"w\": shape holds a non-integer number, not a non-negative integer"},
      {"dimension past 2^64", entry(R"({"dtype":"F16","shape":[18446744073709551616],"data_offsets":[0,0]})"),
       std::nullopt, util::ErrorCode::parse,
       "tensor \"w\": shape holds a non-integer number, not a non-negative integer"},
      {"huge shape", entry(R"({"dtype":"F16","shape":[4294967296,4294967296,2],"data_offsets":[0,0]})"),
       std::nullopt, util::ErrorCode::parse,
       "tensor \"w\": shape [4294967296, 4294967296] has more than 2^64 elements"},
      {"shape not an array", entry(R"({"dtype":"F16","shape":4,"data_offsets":[0,8]})"), std::nullopt,
       util::ErrorCode::parse, "tensor \"w\": shape is a number, not an array"},
      {"nested shape", entry(R"({"dtype":"F16","shape":[[4]],"data_offsets":[0,8]})"), std::nullopt,
       util::ErrorCode::parse, "tensor \"w\": shape holds an array, not a non-negative integer"},
      {"dtype not a string", entry(R"({"dtype":16,"shape":[4],"data_offsets":[0,8]})"), std::nullopt,
       util::ErrorCode::parse, "tensor \"w\": dtype is a number, not a string"},
      {"no dtype", entry(R"({"shape":[4],"data_offsets":[0,8]})"), std::nullopt, util::ErrorCode::parse,
       "tensor \"w\" has no dtype"},
      {"no data_offsets", entry(R"({"dtype":"F16","shape":[4]})"), std::nullopt, util::ErrorCode::parse,
       "tensor \"w\" has no data_offsets"},
      {"field twice", entry(R"({"dtype":"F16","dtype":"F32","shape":[4],"data_offsets":[0,8]})"),
       std::nullopt, util::ErrorCode::parse, "tensor \"w\": dtype appears twice"},
      {"tensor twice", header(R"({"w":{"dtype":"U8","shape":[],"data_offsets":[0,1]},"w":{}})"), std::nullopt,
       util::ErrorCode::parse, "tensor \"w\" appears twice"},
      {"metadata twice", header(R"({"__metadata__":{},"__metadata__":{}})"), std::nullopt,
       util::ErrorCode::parse, "__metadata__ appears twice"},
      {"offsets reversed", entry(R"({"dtype":"U8","shape":[4],"data_offsets":[8,4]})"), std::nullopt,
       util::ErrorCode::parse, "tensor \"w\": data_offsets [8, 4] end before they begin"},
      {"three offsets", entry(R"({"dtype":"U8","shape":[4],"data_offsets":[0,4,8]})"), std::nullopt,
       util::ErrorCode::parse, "tensor \"w\": data_offsets holds more than [begin, end]"},
      {"one offset", entry(R"({"dtype":"U8","shape":[4],"data_offsets":[4]})"), std::nullopt,
       util::ErrorCode::parse, "tensor \"w\": data_offsets is not [begin, end]"},
      {"negative offset", entry(R"({"dtype":"U8","shape":[4],"data_offsets":[-4,0]})"), std::nullopt,
       util::ErrorCode::parse,
       "tensor \"w\": data_offsets holds a negative number, not a non-negative integer"},
      {"offsets past the file", small, small.size() - 1, util::ErrorCode::parse,
       "tensor \"w\": data_offsets end 4 is past the end of the file's 3 bytes of tensor data"},
      {"parameter count overflow",
       header(R"({"a":{"dtype":"X","shape":[9223372036854775808],"data_offsets":[0,0]},)"
              R"("b":{"dtype":"X","shape":[9223372036854775808],"data_offsets":[0,0]}})"),
       std::nullopt, util::ErrorCode::parse, "the parameter count overflows 64 bits at tensor \"b\""},
      {"control characters in a name", header("{\"a\\nb\": 1}"), std::nullopt, util::ErrorCode::parse,
       "tensor \"a\\x0ab\" is a number, not an object"},
  };
  for (const Case& c : cases) {
    auto result = read_safetensors_header(c.bytes, c.file_size);
    ASSERT_FALSE(result) << c.name;
    EXPECT_EQ(result.error().code, c.code) << c.name;
    const std::string& message = result.error().message;
    if (c.message.ends_with("...")) {
      EXPECT_TRUE(message.starts_with(c.message.substr(0, c.message.size() - 3)))
          << c.name << ": " << message;
    } else {
      EXPECT_EQ(message, c.message) << c.name;
    }
    EXPECT_EQ(message.find('\n'), std::string::npos) << c.name << ": " << message;
  }
}

TEST(SafetensorsTest, EveryTruncationOfAValidFileIsAnError) {
  std::string bytes = SafetensorsBuilder()
                          .metadata("format", "pt")
                          .tensor("w", "F16", {2, 3})
                          .tensor("b", "F32", {3})
                          .build();
  std::size_t header_end = SafetensorsBuilder()
                               .metadata("format", "pt")
                               .tensor("w", "F16", {2, 3})
                               .tensor("b", "F32", {3})
                               .header_bytes()
                               .size();
  ASSERT_TRUE(read_safetensors_header(bytes, bytes.size()));
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    std::string_view prefix = std::string_view(bytes).substr(0, n);
    // Without the file size only the header is needed; with it, the data too.
    EXPECT_EQ(read_safetensors_header(prefix).has_value(), n >= header_end) << n;
    EXPECT_FALSE(read_safetensors_header(prefix, n)) << n;
  }
}

class SafetensorsFileTest : public testing::TempDirTest {};

TEST_F(SafetensorsFileTest, ReadsTheHeaderAndTheFileSize) {
  std::string bytes = SafetensorsBuilder().metadata("format", "pt").tensor("w", "BF16", {4, 4}).build();
  std::filesystem::path path = write("model.safetensors", bytes);
  auto header = read_safetensors_file(path.string());
  ASSERT_TRUE(header) << header.error().to_string();
  EXPECT_EQ(header->file_size, bytes.size());
  EXPECT_EQ(header->parameter_count, 16u);
  EXPECT_EQ(header->metadata.at("format"), "pt");
}

// A 10 GB sparse file: only its header may be read.
TEST_F(SafetensorsFileTest, ReadsOnlyTheHeaderOfAHugeFile) {
  SafetensorsBuilder file = SafetensorsBuilder()
                                .tensor("model.embed_tokens.weight", "BF16", {128256, 4096})
                                .tensor("model.layers.0.mlp.up_proj.weight", "BF16", {14336, 4096})
                                .tensor("lm_head.weight", "BF16", {1536 * 1024, 4096});
  std::filesystem::path path = write("huge.safetensors", file.header_bytes());
  std::uint64_t size = file.header_bytes().size() + file.data_size();
  ASSERT_GT(size, 10'000'000'000u);
  std::filesystem::resize_file(path, size);

  auto start = std::chrono::steady_clock::now();
  auto header = read_safetensors_file(path.string());
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(header) << header.error().to_string();
  EXPECT_EQ(header->file_size, size);
  EXPECT_EQ(header->parameter_count, (128256ull + 14336 + 1536 * 1024) * 4096);
  // Reading 10 GB would take seconds (or fail to allocate); the header, microseconds.
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

TEST_F(SafetensorsFileTest, FileErrorsNameThePath) {
  std::filesystem::path tiny = write("tiny.safetensors", "abc");
  std::filesystem::path absurd =
      write("absurd.safetensors", SafetensorsBuilder().header_length(1ull << 40).build());
  std::filesystem::path short_file =
      write("short.safetensors", SafetensorsBuilder().tensor("w", "F32", {4}).build().substr(0, 70));
  struct Case {
    std::string path;
    util::ErrorCode code;
    std::string message;
  };
  const Case cases[] = {
      {(m_dir / "missing.safetensors").string(), util::ErrorCode::not_found, "no such file"},
      {m_dir.string(), util::ErrorCode::is_directory, "is a directory"},
      {tiny.string(), util::ErrorCode::parse, "truncated: header length at offset 0 needs 8 bytes, 3 left"},
      {absurd.string(), util::ErrorCode::too_large, "header length 1099511627776 exceeds the 100 MB limit"},
      {short_file.string(), util::ErrorCode::parse,
       "tensor \"w\": data_offsets end 16 is past the end of the file's 6 bytes of tensor data"},
  };
  for (const Case& c : cases) {
    auto header = read_safetensors_file(c.path);
    ASSERT_FALSE(header) << c.path;
    EXPECT_EQ(header.error().code, c.code) << c.path;
    EXPECT_EQ(header.error().message, c.message) << c.path;
    EXPECT_EQ(header.error().path, c.path);
  }
}

// The checked-in fuzz seeds are generated from the descriptions in
// weight_fixtures.hpp; regenerate them with
//   aperture_tests --gtest_also_run_disabled_tests --gtest_filter='*WriteFuzzSeeds'
TEST(SafetensorsTest, FuzzSeedsMatchTheirDescriptions) {
  std::filesystem::path dir = testing::source_dir() / "tests/fuzz_corpus/safetensors";
  for (const auto& [name, bytes] : testing::safetensors_fuzz_seeds()) {
    std::ifstream in(dir / name, std::ios::binary);
    ASSERT_TRUE(in) << name;
    std::string stored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(stored, bytes) << name;
  }
}

TEST(SafetensorsTest, DISABLED_WriteFuzzSeeds) {
  std::filesystem::path dir = testing::source_dir() / "tests/fuzz_corpus/safetensors";
  std::filesystem::create_directories(dir);
  for (const auto& [name, bytes] : testing::safetensors_fuzz_seeds()) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
  }
}

}  // namespace
}  // namespace aperture::formats
