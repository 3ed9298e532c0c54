#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include <aperture/formats/gguf.hpp>

#include "support/test_support.hpp"
#include "unit/formats/weight_fixtures.hpp"

namespace aperture::formats {
namespace {

using testing::GgmlType;
using testing::GgufBuilder;
using testing::GgufValue;
using testing::le_u32;
using testing::le_u64;

TEST(GgufTest, ReadsALlamaLikeFile) {
  auto info = read_gguf_metadata(testing::small_llama_gguf().build());
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->version, 3u);
  EXPECT_EQ(info->tensor_count, 3u);
  EXPECT_EQ(info->parameter_count, 256u * 4 + 256u * 256 + 256u);
  EXPECT_EQ(info->architecture, "llama");
  EXPECT_EQ(info->name, "Tiny Llama");
  EXPECT_EQ(info->license, "apache-2.0");
  EXPECT_EQ(info->file_type, 15u);
  EXPECT_EQ(info->file_type_name, "Q4_K_M");
  EXPECT_EQ(info->tensor_types, (std::map<std::string, std::uint64_t>{{"F32", 1}, {"Q4_K", 2}}));
  EXPECT_EQ(info->metadata.at("llama.context_length"), "4096");
  EXPECT_EQ(info->metadata.count("tokenizer.ggml.tokens"), 0u);
  EXPECT_EQ(info->array_lengths.at("tokenizer.ggml.tokens"), 4u);
  EXPECT_EQ(info->array_lengths.at("tokenizer.ggml.scores"), 4u);
  EXPECT_EQ(info->alignment, 32u);
  // Q4_K: 144 bytes per 256 elements; the last tensor starts at an aligned offset.
  EXPECT_EQ(info->data_size, 576u + 36864u + 1024u);
  EXPECT_EQ(info->data_offset % 32, 0u);
}

TEST(GgufTest, ReadsVersionTwo) {
  auto info = read_gguf_metadata(GgufBuilder().version(2).kv_string("general.name", "old").build());
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->version, 2u);
  EXPECT_EQ(info->name, "old");
  EXPECT_EQ(info->tensor_count, 0u);
}

TEST(GgufTest, ShowsScalarsOfEveryType) {
  auto info = read_gguf_metadata(GgufBuilder()
                                     .kv_u8("u8", 255)
                                     .kv_i8("i8", -128)
                                     .kv_u16("u16", 65535)
                                     .kv_i16("i16", -2)
                                     .kv_u32("u32", 4000000000u)
                                     .kv_i32("i32", -3)
                                     .kv_u64("u64", 18446744073709551615ull)
                                     .kv_i64("i64", -9223372036854775807ll)
                                     .kv_f32("f32", 0.1f)
                                     .kv_f64("f64", 1e-6)
                                     .kv_bool("yes", true)
                                     .kv_bool("no", false)
                                     .kv_string("s", "héllo")
                                     .build());
  ASSERT_TRUE(info) << info.error().message;
  std::map<std::string, std::string> expected = {
      {"u8", "255"},
      {"i8", "-128"},
      {"u16", "65535"},
      {"i16", "-2"},
      {"u32", "4000000000"},
      {"i32", "-3"},
      {"u64", "18446744073709551615"},
      {"i64", "-9223372036854775807"},
      {"f32", "0.1"},
      {"f64", "1e-06"},
      {"yes", "true"},
      {"no", "false"},
      {"s", "héllo"},
  };
  EXPECT_EQ(info->metadata, expected);
}

TEST(GgufTest, ReadsLicenseAndBaseModels) {
  auto info =
      read_gguf_metadata(GgufBuilder()
                             .kv_string("general.license", "other")
                             .kv_string("general.license.name", "llama3.1")
                             .kv_string("general.license.link", "https://llama.meta.com/llama3_1/license/")
                             .kv_u32("general.base_model.count", 2)
                             .kv_string("general.base_model.0.name", "Llama 3.1 8B Instruct")
                             .kv_string("general.base_model.0.organization", "Meta Llama")
                             .kv_string("general.base_model.0.repo_url",
                                        "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct")
                             .kv_string("general.base_model.1.name", "Other")
                             .build());
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->license, "other");
  EXPECT_EQ(info->license_name, "llama3.1");
  EXPECT_EQ(info->license_link, "https://llama.meta.com/llama3_1/license/");
  ASSERT_EQ(info->base_models.size(), 2u);
  EXPECT_EQ(info->base_models[0].name, "Llama 3.1 8B Instruct");
  EXPECT_EQ(info->base_models[0].organization, "Meta Llama");
  EXPECT_EQ(info->base_models[0].repo_url, "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct");
  EXPECT_EQ(info->base_models[1].name, "Other");
  EXPECT_TRUE(info->base_models[1].organization.empty());
}

TEST(GgufTest, AHugeBaseModelCountIsCapped) {
  auto info = read_gguf_metadata(GgufBuilder()
                                     .kv_u64("general.base_model.count", 18446744073709551615ull)
                                     .kv_string("general.base_model.0.name", "Base")
                                     .build());
  ASSERT_TRUE(info) << info.error().message;
  ASSERT_EQ(info->base_models.size(), 1u);
}

TEST(GgufTest, NamesFileTypesAndTensorTypes) {
  EXPECT_EQ(llama_file_type_name(0), "F32");
  EXPECT_EQ(llama_file_type_name(1), "F16");
  EXPECT_EQ(llama_file_type_name(7), "Q8_0");
  EXPECT_EQ(llama_file_type_name(15), "Q4_K_M");
  EXPECT_EQ(llama_file_type_name(17), "Q5_K_M");
  EXPECT_EQ(llama_file_type_name(18), "Q6_K");
  EXPECT_EQ(llama_file_type_name(30), "IQ4_XS");
  EXPECT_EQ(llama_file_type_name(32), "BF16");
  EXPECT_EQ(llama_file_type_name(1024 + 15), "Q4_K_M (guessed)");
  EXPECT_EQ(llama_file_type_name(999), "");
  EXPECT_EQ(ggml_type_name(0), "F32");
  EXPECT_EQ(ggml_type_name(8), "Q8_0");
  EXPECT_EQ(ggml_type_name(12), "Q4_K");
  EXPECT_EQ(ggml_type_name(23), "IQ4_XS");
  EXPECT_EQ(ggml_type_name(30), "BF16");
  EXPECT_EQ(ggml_type_name(1000), "");
}

TEST(GgufTest, UnknownTensorTypesAreCountedNotRejected) {
  auto info = read_gguf_metadata(GgufBuilder().tensor_info("t", {4, 4}, 77, 0).build());
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->tensor_types, (std::map<std::string, std::uint64_t>{{"type 77", 1}}));
  EXPECT_EQ(info->parameter_count, 16u);
}

TEST(GgufTest, SkipsNestedArraysAndKeepsTheirLength) {
  std::string inner =
      le_u32(static_cast<std::uint32_t>(GgufValue::string)) + le_u64(1) + testing::gguf_string("x");
  std::string outer =
      le_u32(static_cast<std::uint32_t>(GgufValue::array)) + le_u64(3) + inner + inner + inner;
  auto info =
      read_gguf_metadata(GgufBuilder().kv_raw("nested", GgufValue::array, outer).kv_u8("after", 1).build());
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->array_lengths.at("nested"), 3u);
  EXPECT_EQ(info->metadata.at("after"), "1");
}

TEST(GgufTest, ReplacesInvalidUtf8InStringValues) {
  auto info = read_gguf_metadata(GgufBuilder()
                                     .kv_string("general.name", "ab\xff"
                                                                "c\xe2\x82")
                                     .build());
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->name, "ab\xef\xbf\xbd"
                        "c\xef\xbf\xbd\xef\xbf\xbd");
}

TEST(GgufTest, HonoursTheAlignment) {
  auto info =
      read_gguf_metadata(GgufBuilder().kv_u32("general.alignment", 64).tensor_info("t", {32}, 0, 64).build());
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->alignment, 64u);
  EXPECT_EQ(info->data_offset % 64, 0u);
  EXPECT_EQ(info->data_size, 64u + 128u);
}

// A nested array `depth` levels deep around an empty array of u8.
std::string nested_array(int depth) {
  std::string value = le_u32(static_cast<std::uint32_t>(GgufValue::u8)) + le_u64(0);
  for (int i = 1; i < depth; ++i) {
    value = le_u32(static_cast<std::uint32_t>(GgufValue::array)) + le_u64(1) + value;
  }
  return value;
}

TEST(GgufTest, ReportsWhatIsWrongInOneLine) {
  struct Case {
    const char* name;
    std::string bytes;
    std::optional<std::uint64_t> file_size;
    std::string message;  // exact, or a prefix when it ends in "..."
  };
  std::string llama = testing::small_llama_gguf().build();
  const Case cases[] = {
      {"empty file", "", std::nullopt, "truncated: magic at offset 0 needs 4 bytes, 0 left"},
      {"wrong magic", GgufBuilder().magic("GGML").build(), std::nullopt,
       "not a GGUF file: the magic is \"GGML\", not \"GGUF\""},
      {"binary magic",
       GgufBuilder()
           .magic("\x7f"
                  "ELF")
           .build(),
       std::nullopt, "not a GGUF file: the magic is \"\\x7fELF\", not \"GGUF\""},
      {"version 1", GgufBuilder().version(1).build(), std::nullopt,
       "GGUF version 1 (2023, 32-bit counts) is not supported: convert the model again"},
      {"big-endian", GgufBuilder().version(0x03000000).build(), std::nullopt,
       "big-endian GGUF files are not supported"},
      {"version 4", GgufBuilder().version(4).build(), std::nullopt, "unsupported GGUF version 4"},
      {"huge kv count", GgufBuilder().kv_count(1ull << 60).build(), std::nullopt,
       "truncated: metadata at offset 24 holds 1152921504606846976 items, more than the 8 bytes left can "
       "hold"},
      {"huge kv count in a known file", GgufBuilder().kv_count(1000).build(), 32,
       "metadata at offset 24 holds 1000 items, more than the 8 bytes left in the file can hold"},
      {"huge tensor count", GgufBuilder().tensor_count(~0ull).build(), std::nullopt,
       "truncated: tensor infos at offset 24 holds 18446744073709551615 items, more than the 8 bytes left "
       "can hold"},
      {"key past the end", GgufBuilder().kv_count(1).raw_tail(le_u64(100) + "abcdefghijklmnopqrst").build(),
       std::nullopt, "metadata entry 0: truncated: key at offset 32 needs 100 bytes, 20 left"},
      {"string past the end", GgufBuilder().kv_raw("k", GgufValue::string, le_u64(1000) + "abc").build(),
       std::nullopt, "metadata \"k\": truncated: string at offset 45 needs 1000 bytes, 19 left"},
      {"unknown value type", GgufBuilder().kv_raw("k", 13, "").build(), std::nullopt,
       "metadata \"k\": unknown value type 13"},
      {"unknown array type", GgufBuilder().kv_raw("k", GgufValue::array, le_u32(99) + le_u64(0)).build(),
       std::nullopt, "metadata \"k\": unknown array element type 99"},
      {"array count past the end",
       GgufBuilder()
           .kv_raw("k", GgufValue::array, le_u32(static_cast<std::uint32_t>(GgufValue::u64)) + le_u64(1000))
           .build(),
       std::nullopt,
       "metadata \"k\": truncated: array at offset 49 holds 1000 items, more than the 15 bytes left can "
       "hold"},
      {"nested too deep", GgufBuilder().kv_raw("k", GgufValue::array, nested_array(9)).build(), std::nullopt,
       "metadata \"k\": arrays nested more than 8 deep"},
      {"bad boolean", GgufBuilder().kv_raw("k", GgufValue::boolean, "\x02").build(), std::nullopt,
       "metadata \"k\": boolean value 2 is neither 0 nor 1"},
      {"key twice", GgufBuilder().kv_u8("k", 1).kv_u8("k", 2).build(), std::nullopt,
       "metadata key \"k\" appears twice"},
      {"key not utf-8", GgufBuilder().kv_u8("k\xff", 1).build(), std::nullopt,
       "metadata entry 0: key \"k\\xff\" is not valid UTF-8"},
      {"bad alignment", GgufBuilder().kv_u32("general.alignment", 48).build(), std::nullopt,
       "general.alignment \"48\" is not a power of two"},
      {"zero alignment", GgufBuilder().kv_u32("general.alignment", 0).build(), std::nullopt,
       "general.alignment \"0\" is not a power of two"},
      {"string alignment", GgufBuilder().kv_string("general.alignment", "32").build(), std::nullopt,
       "general.alignment \"32\" is not a power of two"},
      {"too many dimensions", GgufBuilder().tensor_info("t", {1, 1, 1, 1, 1, 1, 1, 1, 1}, 0, 0).build(),
       std::nullopt, "tensor info 0 (\"t\"): 9 dimensions, more than 8"},
      {"element overflow", GgufBuilder().tensor_info("t", {1ull << 32, 1ull << 32}, 0, 0).build(),
       std::nullopt, "tensor info 0 (\"t\"): more than 2^64 elements"},
      {"parameter overflow",
       GgufBuilder().tensor_info("a", {1ull << 63}, 77, 0).tensor_info("b", {1ull << 63}, 77, 0).build(),
       std::nullopt, "the parameter count overflows 64 bits at tensor info 1 (\"b\")"},
      {"data size overflow", GgufBuilder().tensor_info("t", {1ull << 62}, 0, 0).build(), std::nullopt,
       "tensor info 0 (\"t\"): its data ends past 2^64 bytes"},
      {"misaligned offset", GgufBuilder().tensor_info("t", {4}, 0, 3).build(), std::nullopt,
       "tensor info 0 (\"t\"): offset 3 is not a multiple of the alignment 32"},
      {"partial block", GgufBuilder().tensor_info("t", {100, 2}, 12, 0).build(), std::nullopt,
       "tensor info 0 (\"t\"): rows of 100 elements do not fill Q4_K blocks of 256"},
      {"tensor info past the end", GgufBuilder().tensor_info("t", {4}, 0, 0).build().substr(0, 48),
       std::nullopt, "tensor info 0 (\"t\"): truncated: type at offset 45 needs 4 bytes, 3 left"},
      {"data past the end of the file", llama, llama.size() + 100,
       "the tensor data ends past the end of the " + std::to_string(llama.size() + 100) +
           "-byte file (at byte " + std::to_string(llama.size() + 576 + 36864 + 1024) +
           "): truncated download?"},
  };
  for (const Case& c : cases) {
    auto result = read_gguf_metadata(c.bytes, c.file_size);
    ASSERT_FALSE(result) << c.name;
    EXPECT_EQ(result.error().code, util::ErrorCode::parse) << c.name;
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

TEST(GgufTest, EveryTruncationOfAValidFileIsAnError) {
  std::string bytes = testing::small_llama_gguf().kv_raw("nested", GgufValue::array, nested_array(3)).build();
  auto full = read_gguf_metadata(bytes);
  ASSERT_TRUE(full) << full.error().message;
  // The last bytes are alignment padding, which the metadata does not need.
  std::size_t needed = bytes.size();
  while (needed > 0 && bytes[needed - 1] == '\0' &&
         read_gguf_metadata(std::string_view(bytes).substr(0, needed - 1))) {
    --needed;
  }
  for (std::size_t n = 0; n < needed; ++n) {
    auto info = read_gguf_metadata(std::string_view(bytes).substr(0, n));
    EXPECT_FALSE(info) << n;
  }
}

class GgufFileTest : public testing::TempDirTest {};

TEST_F(GgufFileTest, ReadsTheMetadataAndChecksTheDataSize) {
  testing::GgufBuilder builder = testing::small_llama_gguf();
  std::filesystem::path path = write("model.gguf", builder.build());
  std::filesystem::resize_file(path, builder.build().size() + builder.data_size());
  auto info = read_gguf_file(path.string());
  ASSERT_TRUE(info) << info.error().to_string();
  EXPECT_EQ(info->file_size, builder.build().size() + builder.data_size());
  EXPECT_EQ(info->file_type_name, "Q4_K_M");

  // One byte short of the data: a truncated download.
  std::filesystem::resize_file(path, builder.build().size() + builder.data_size() - 1);
  auto truncated = read_gguf_file(path.string());
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().path, path.string());
  EXPECT_TRUE(truncated.error().message.ends_with("truncated download?")) << truncated.error().message;
}

// A 10 GB sparse file whose metadata is larger than the first read (1 MiB):
// the reader grows its prefix to fit the metadata and never reads the data.
TEST_F(GgufFileTest, ReadsOnlyTheMetadataOfAHugeFile) {
  std::vector<std::string> tokens;
  for (int i = 0; i < 200000; ++i) {
    tokens.push_back("token" + std::to_string(i));
  }
  testing::GgufBuilder builder = GgufBuilder()
                                     .kv_string("general.architecture", "llama")
                                     .kv_array_str("tokenizer.ggml.tokens", tokens)
                                     .tensor("token_embd.weight", {4096, 200000}, GgmlType::bf16)
                                     .tensor("blk.0.ffn_up.weight", {4096, 1024 * 1024}, GgmlType::f16);
  std::string head = builder.build();
  ASSERT_GT(head.size(), 1024u * 1024u);
  std::filesystem::path path = write("huge.gguf", head);
  std::uint64_t size = head.size() + builder.data_size();
  ASSERT_GT(size, 10'000'000'000u);
  std::filesystem::resize_file(path, size);

  auto start = std::chrono::steady_clock::now();
  auto info = read_gguf_file(path.string());
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(info) << info.error().to_string();
  EXPECT_EQ(info->array_lengths.at("tokenizer.ggml.tokens"), 200000u);
  EXPECT_EQ(info->parameter_count, 4096ull * 200000 + 4096ull * 1024 * 1024);
  EXPECT_EQ(info->tensor_types, (std::map<std::string, std::uint64_t>{{"BF16", 1}, {"F16", 1}}));
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

TEST_F(GgufFileTest, RefusesMetadataLongerThanTheLimit) {
  // One string value announced as 100 MiB long, in a sparse file.
  std::string head = GgufBuilder().kv_raw("k", GgufValue::string, le_u64(100ull << 20)).build();
  std::filesystem::path path = write("long.gguf", head);
  std::filesystem::resize_file(path, 200ull << 20);
  auto info = read_gguf_file(path.string());
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, util::ErrorCode::too_large);
  EXPECT_EQ(info.error().message, "metadata longer than the 64 MiB limit");
  EXPECT_EQ(info.error().path, path.string());
}

TEST_F(GgufFileTest, FileErrorsNameThePath) {
  std::filesystem::path v1 = write("v1.gguf", GgufBuilder().version(1).build());
  std::filesystem::path counts = write("counts.gguf", GgufBuilder().kv_count(1ull << 40).build());
  struct Case {
    std::string path;
    util::ErrorCode code;
    std::string message;
  };
  const Case cases[] = {
      {(m_dir / "missing.gguf").string(), util::ErrorCode::not_found, "no such file"},
      {m_dir.string(), util::ErrorCode::is_directory, "is a directory"},
      {v1.string(), util::ErrorCode::parse,
       "GGUF version 1 (2023, 32-bit counts) is not supported: convert the model again"},
      {counts.string(), util::ErrorCode::parse,
       "metadata at offset 24 holds 1099511627776 items, more than the 8 bytes left in the file can hold"},
  };
  for (const Case& c : cases) {
    auto info = read_gguf_file(c.path);
    ASSERT_FALSE(info) << c.path;
    EXPECT_EQ(info.error().code, c.code) << c.path;
    EXPECT_EQ(info.error().message, c.message) << c.path;
    EXPECT_EQ(info.error().path, c.path);
  }
}

// See SafetensorsTest.FuzzSeedsMatchTheirDescriptions.
TEST(GgufTest, FuzzSeedsMatchTheirDescriptions) {
  std::filesystem::path dir = testing::source_dir() / "tests/fuzz_corpus/gguf";
  for (const auto& [name, bytes] : testing::gguf_fuzz_seeds()) {
    std::ifstream in(dir / name, std::ios::binary);
    ASSERT_TRUE(in) << name;
    std::string stored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(stored, bytes) << name;
  }
}

TEST(GgufTest, DISABLED_WriteFuzzSeeds) {
  std::filesystem::path dir = testing::source_dir() / "tests/fuzz_corpus/gguf";
  std::filesystem::create_directories(dir);
  for (const auto& [name, bytes] : testing::gguf_fuzz_seeds()) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
  }
}

}  // namespace
}  // namespace aperture::formats
