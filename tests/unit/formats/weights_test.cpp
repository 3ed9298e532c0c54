#include <string>

#include <gtest/gtest.h>

#include <aperture/formats/weights.hpp>

#include "unit/formats/weight_fixtures.hpp"

namespace aperture::formats {
namespace {

using namespace std::string_literals;
using testing::le_u32;

const std::string k_oid = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393";

std::string lfs_pointer(const std::string& size = "12345") {
  return "version https://git-lfs.github.com/spec/v1\noid sha256:" + k_oid + "\nsize " + size + "\n";
}

// The start of a zip archive whose first entry is `name`.
std::string zip_with_first_entry(const std::string& name) {
  std::string header = "PK\x03\x04"s + std::string(22, '\0');
  header += le_u32(static_cast<std::uint32_t>(name.size())).substr(0, 2) + "\0\0"s;
  return header + name;
}

TEST(WeightsTest, ClassifiesByMagicBytesAndName) {
  struct Case {
    const char* filename;
    std::string bytes;
    WeightFormat format;
  };
  const std::string safetensors = testing::SafetensorsBuilder().tensor("w", "F16", {2}).build();
  const std::string gguf = testing::GgufBuilder().build();
  const Case cases[] = {
      {"model.safetensors", safetensors, WeightFormat::safetensors},
      {"model-00001-of-00004.safetensors", safetensors.substr(0, 16), WeightFormat::safetensors},
      {"weights.bin", safetensors, WeightFormat::safetensors},
      {"llama-3.1-8b.Q4_K_M.gguf", gguf, WeightFormat::gguf},
      {"ggml-model-q4_0.bin", "tjgg\x03\x00\x00\x00"s, WeightFormat::ggml},
      {"pytorch_model.bin", zip_with_first_entry("archive/data.pkl"), WeightFormat::pytorch_zip},
      {"model.pt", zip_with_first_entry("model/data.pkl"), WeightFormat::pytorch_zip},
      {"checkpoint", zip_with_first_entry("archive/data.pkl"), WeightFormat::pytorch_zip},
      {"model.pth", zip_with_first_entry("other.txt"), WeightFormat::pytorch_zip},
      {"archive.zip", zip_with_first_entry("readme.txt"), WeightFormat::unknown},
      {"arrays.npz", zip_with_first_entry("w.npy"), WeightFormat::numpy},
      {"model.keras", zip_with_first_entry("metadata.json"), WeightFormat::keras},
      {"pytorch_model.bin", "\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8"s, WeightFormat::pickle},
      {"model.ckpt", "\x80\x04\x95\x10\x00"s, WeightFormat::pickle},
      {"model.pkl", "\x80\x05}"s, WeightFormat::pickle},
      {"model.bin", "\x80\x06}"s, WeightFormat::unknown},
      {"tf_model.h5", "\x89HDF\r\n\x1a\n\x00\x00"s, WeightFormat::keras},
      {"model.tflite", "\x1c\x00\x00\x00TFL3\x00\x00"s, WeightFormat::tflite},
      {"flax_model.msgpack", "\x81\xa6params"s, WeightFormat::flax_msgpack},
      {"flax_model.msgpack", "\xde\x00\x02"s, WeightFormat::flax_msgpack},
      {"model.onnx", "\x08\x07\x12\x07pytorch"s, WeightFormat::onnx},
      {"w.npy", "\x93NUMPY\x01\x00"s, WeightFormat::numpy},
      {"model.safetensors", lfs_pointer(), WeightFormat::lfs_pointer},
      {"model.gguf", lfs_pointer(), WeightFormat::lfs_pointer},
      {"model.safetensors", "<!DOCTYPE html><html>", WeightFormat::unknown},
      {"README.md", "# Model card\n", WeightFormat::unknown},
      // Without content, the name is all there is.
      {"model.safetensors", "", WeightFormat::safetensors},
      {"dir/Model.GGUF", "", WeightFormat::gguf},
      {"pytorch_model.bin", "", WeightFormat::pickle},
      {"model.h5", "", WeightFormat::keras},
      {"model.tflite", "", WeightFormat::tflite},
      {"arrays.npz", "", WeightFormat::numpy},
      {"notes.txt", "", WeightFormat::unknown},
      {"safetensors", "", WeightFormat::unknown},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(classify_weight_file(c.filename, c.bytes), c.format)
        << c.filename << " / " << weight_format_name(c.format);
  }
}

TEST(WeightsTest, NamesFormatsAndPickleRisk) {
  EXPECT_EQ(weight_format_name(WeightFormat::safetensors), "safetensors");
  EXPECT_EQ(weight_format_name(WeightFormat::pytorch_zip), "PyTorch (zip)");
  EXPECT_EQ(weight_format_name(WeightFormat::lfs_pointer), "Git LFS pointer");
  EXPECT_TRUE(is_pickle_based(WeightFormat::pytorch_zip));
  EXPECT_TRUE(is_pickle_based(WeightFormat::pickle));
  EXPECT_FALSE(is_pickle_based(WeightFormat::safetensors));
  EXPECT_FALSE(is_pickle_based(WeightFormat::gguf));
}

TEST(LfsPointerTest, ReadsAPointer) {
  auto pointer = read_lfs_pointer(lfs_pointer("16060522336"));
  ASSERT_TRUE(pointer) << pointer.error().message;
  EXPECT_EQ(pointer->oid, k_oid);
  EXPECT_EQ(pointer->size, 16060522336u);

  // Extension lines sort before "oid".
  auto with_ext = read_lfs_pointer("version https://git-lfs.github.com/spec/v1\n"
                                   "ext-0-foo sha256:" +
                                   std::string(64, 'a') + "\noid sha256:" + k_oid + "\nsize 0\n");
  ASSERT_TRUE(with_ext) << with_ext.error().message;
  EXPECT_EQ(with_ext->size, 0u);
}

TEST(LfsPointerTest, ReadsPointersStrictly) {
  const std::string version = "version https://git-lfs.github.com/spec/v1\n";
  const std::string oid = "oid sha256:" + k_oid + "\n";
  struct Case {
    const char* name;
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"empty", "",
       "not an LFS pointer: the first line is not \"version https://git-lfs.github.com/spec/v1\""},
      {"other version", "version https://git-lfs.github.com/spec/v2\n" + oid + "size 1\n",
       "not an LFS pointer: the first line is not \"version https://git-lfs.github.com/spec/v1\""},
      {"too long", lfs_pointer() + std::string(1024, 'x'),
       "not an LFS pointer: 1154 bytes, pointers are under 1024"},
      {"no size", version + oid, "LFS pointer: no \"size\" line"},
      {"no oid", version + "size 1\n", "LFS pointer: no \"oid\" line"},
      {"no final newline", version + oid + "size 1", "LFS pointer: the last line does not end with \"\\n\""},
      {"crlf", "version https://git-lfs.github.com/spec/v1\r\n" + oid + "size 1\r\n",
       "not an LFS pointer: the first line is not \"version https://git-lfs.github.com/spec/v1\""},
      {"cr in a value", version + oid + "size 1\r\n",
       "LFS pointer: line \"size 1\\x0d\" is not \"key value\""},
      {"out of order", version + "size 1\n" + oid, "LFS pointer: key \"oid\" is out of order"},
      {"twice", version + oid + oid + "size 1\n", "LFS pointer: key \"oid\" is out of order"},
      {"unknown key", version + oid + "size 1\nzzz 1\n", "LFS pointer: unknown key \"zzz\""},
      {"short oid", version + "oid sha256:abc\nsize 1\n",
       "oid \"sha256:abc\" is not \"sha256:\" and 64 lower-case hex digits"},
      {"upper-case oid", version + "oid sha256:" + std::string(64, 'A') + "\nsize 1\n",
       "oid \"sha256:" + std::string(64, 'A') + "\" is not \"sha256:\" and 64 lower-case hex digits"},
      {"other hash", version + "oid md5:" + k_oid + "\nsize 1\n",
       "oid \"md5:" + k_oid + "\" is not \"sha256:\" and 64 lower-case hex digits"},
      {"negative size", version + oid + "size -1\n", "size \"-1\" is not a byte count"},
      {"size overflow", version + oid + "size 18446744073709551616\n",
       "size \"18446744073709551616\" is not a byte count"},
      {"size with a space", version + oid + "size 1 2\n",
       "LFS pointer: line \"size 1 2\" is not \"key value\""},
      {"blank line", version + oid + "\nsize 1\n", "LFS pointer: line \"\" is not \"key value\""},
  };
  for (const Case& c : cases) {
    auto pointer = read_lfs_pointer(c.text);
    ASSERT_FALSE(pointer) << c.name;
    EXPECT_EQ(pointer.error().code, util::ErrorCode::parse) << c.name;
    EXPECT_EQ(pointer.error().message, c.message) << c.name;
  }
}

}  // namespace
}  // namespace aperture::formats
