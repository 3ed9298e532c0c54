#include <aperture/scan/inventory.hpp>

#include <filesystem>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace aperture::scan {
namespace {

using release::ComponentKind;

struct Expected {
  const char* path;
  FileRole role;
  std::optional<ComponentKind> component;
};

TEST(InventoryTest, ClassifiesPaths) {
  const Expected cases[] = {
      {"LICENSE", FileRole::license, std::nullopt},
      {"LICENSE.txt", FileRole::license, std::nullopt},
      {"USE_POLICY.md", FileRole::license, std::nullopt},
      {"NOTICE", FileRole::license, std::nullopt},
      {"README.md", FileRole::model_card, ComponentKind::model_card},
      {"docs/README.md", FileRole::other, std::nullopt},
      {"model-00001-of-00002.safetensors", FileRole::weights, ComponentKind::model_parameters_final},
      {"model.gguf", FileRole::weights, ComponentKind::model_parameters_final},
      {"checkpoints/step-1000/model.safetensors", FileRole::weights, ComponentKind::model_parameters_intermediate},
      {"train.py", FileRole::code, ComponentKind::training_code},
      {"scripts/eval_mmlu.py", FileRole::code, ComponentKind::evaluation_code},
      {"modeling_llama.py", FileRole::code, ComponentKind::model_architecture},
      {"Dockerfile", FileRole::code, ComponentKind::deployment},
      {"requirements.txt", FileRole::code, ComponentKind::supporting_libraries},
      {"datasheet.md", FileRole::data_card, ComponentKind::data_card},
      {"config.json", FileRole::config, ComponentKind::model_metadata},
      {"generation_config.json", FileRole::config, ComponentKind::model_metadata},
      {"tokenizer.json", FileRole::tokenizer, ComponentKind::model_parameters_final},
      {"preprocess_data.py", FileRole::code, ComponentKind::data_preprocessing_code},
      {"generate.py", FileRole::code, ComponentKind::inference_code},
      {"optimizer.pt", FileRole::weights, ComponentKind::model_metadata},
      {"technical_report.pdf", FileRole::document, ComponentKind::technical_report},
      {"data/train.parquet", FileRole::data, ComponentKind::datasets},
      {"utils.py", FileRole::code, std::nullopt},
      {"image.png", FileRole::other, std::nullopt},
  };
  for (const Expected& c : cases) {
    InventoryEntry e = classify_path(c.path, 42);
    EXPECT_EQ(e.path, c.path);
    EXPECT_EQ(e.size, 42u);
    EXPECT_EQ(e.role, c.role) << c.path << ": " << to_string(e.role);
    EXPECT_EQ(e.component, c.component)
        << c.path << ": " << (e.component ? release::to_string(*e.component) : "none");
  }
}

TEST(InventoryTest, RoleNames) {
  EXPECT_EQ(to_string(FileRole::model_card), "model-card");
  EXPECT_EQ(to_string(FileRole::data_card), "data-card");
  EXPECT_EQ(to_string(FileRole::other), "other");
}

class InventoryDirTest : public aperture::testing::TempDirTest {};

TEST_F(InventoryDirTest, SkipsGitAndHiddenFilesAndSorts) {
  write("README.md", "# hi\n");
  write("train.py", "print(1)\n");
  write("LICENSE", "MIT\n");
  write("sub/config.json", "{}");
  write(".git/config", "[core]\n");
  write(".git/objects/ab/cdef", "x");
  write(".hidden", "secret");
  write(".cache/file.bin", "x");
  write("a.bin", "12345");
  auto inv = take_inventory(m_dir.string());
  ASSERT_TRUE(inv) << inv.error().message;
  std::vector<std::string> paths;
  for (const auto& e : *inv) {
    paths.push_back(e.path);
  }
  EXPECT_EQ(paths, (std::vector<std::string>{"LICENSE", "README.md", "a.bin", "sub/config.json", "train.py"}));
  EXPECT_EQ((*inv)[2].size, 5u);
  EXPECT_EQ((*inv)[2].role, FileRole::weights);
  EXPECT_EQ((*inv)[3].role, FileRole::config);
}

TEST_F(InventoryDirTest, EmptyDirectory) {
  auto inv = take_inventory(m_dir.string());
  ASSERT_TRUE(inv);
  EXPECT_TRUE(inv->empty());
}

TEST_F(InventoryDirTest, MissingDirectoryFails) {
  auto inv = take_inventory((m_dir / "nope").string());
  EXPECT_FALSE(inv);
}

TEST_F(InventoryDirTest, SymlinksAreNotFollowed) {
  write("real/weights.safetensors", "x");
  std::error_code ec;
  std::filesystem::create_directory_symlink(m_dir / "real", m_dir / "link", ec);
  if (ec) {
    GTEST_SKIP() << "cannot create symlinks here";
  }
  std::filesystem::create_symlink(m_dir / "real/weights.safetensors", m_dir / "file-link.safetensors", ec);
  auto inv = take_inventory(m_dir.string());
  ASSERT_TRUE(inv);
  ASSERT_EQ(inv->size(), 1u);
  EXPECT_EQ((*inv)[0].path, "real/weights.safetensors");
}

}  // namespace
}  // namespace aperture::scan
