// The file inventory of a model directory: every file with its size and what
// it is for (license, model card, weights, training code, ...), decided from
// its path alone. Nothing is opened here; nothing is ever executed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/release/release.hpp>
#include <aperture/util/result.hpp>

namespace aperture::scan {

// What a path says a file is. `component` is the MOF component it belongs
// to, when it belongs to one.
enum class FileRole : std::uint8_t {
  license,       // LICENSE, COPYING, NOTICE, USE_POLICY, ...
  model_card,    // README.md at the top, MODEL_CARD.md
  data_card,     // datasheet, data card
  weights,       // safetensors, gguf, pickle checkpoints, onnx, ...
  config,        // config.json, generation_config.json
  tokenizer,     // tokenizer.json, tokenizer.model, vocab, merges
  code,
  document,      // PDFs and reports
  data,          // data files (parquet, jsonl, arrow, csv under data/)
  other,
};
std::string_view to_string(FileRole role);

struct InventoryEntry {
  std::string path;  // relative, '/'-separated
  std::uint64_t size = 0;
  FileRole role = FileRole::other;
  std::optional<release::ComponentKind> component;
};

// Limits that keep a hostile or enormous tree from hurting.
inline constexpr std::size_t k_max_inventory_files = 100000;
inline constexpr int k_max_inventory_depth = 32;

// Classifies one relative path.
InventoryEntry classify_path(std::string_view relative_path, std::uint64_t size);

// Every regular file below `dir` (symbolic links are not followed; ".git" and
// other hidden directories are skipped), sorted by path. Fails when `dir`
// cannot be read or holds more than k_max_inventory_files files.
util::Result<std::vector<InventoryEntry>> take_inventory(const std::string& dir);

}  // namespace aperture::scan
