#include <aperture/scan/inventory.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <system_error>

#include <aperture/util/text.hpp>

namespace aperture::scan {
namespace {

namespace fs = std::filesystem;
using release::ComponentKind;

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(), [&](std::string_view p) { return s.starts_with(p); });
}

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(), [&](std::string_view p) { return s.ends_with(p); });
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> parts) {
  return std::any_of(parts.begin(), parts.end(), [&](std::string_view p) { return s.find(p) != std::string_view::npos; });
}

bool is_license_name(std::string_view name) {
  return starts_with_any(name, {"license", "licence", "copying", "notice", "use_policy", "use-policy",
                                "acceptable_use", "acceptable-use", "responsible_ai_license", "model_license",
                                "model-license", "llama_license", "terms_of_use", "unlicense"});
}

bool is_weights_name(std::string_view name) {
  return ends_with_any(name, {".safetensors", ".gguf", ".bin", ".pt", ".pth", ".ckpt", ".onnx", ".h5",
                              ".keras", ".msgpack", ".tflite", ".pkl", ".pickle", ".npz", ".mlmodel", ".pb",
                              ".ggml", ".nemo", ".mar"});
}

bool is_code_name(std::string_view name) {
  return ends_with_any(name, {".py", ".ipynb", ".sh", ".js", ".ts", ".cpp", ".cc", ".c", ".h", ".hpp", ".cu",
                              ".rs", ".go", ".java", ".jl", ".r", ".lua", ".scala", ".swift", ".kt"}) ||
         name == "dockerfile" || name == "makefile";
}

// The code component a script belongs to, from its directory and name.
std::optional<ComponentKind> code_component(std::string_view path, std::string_view name) {
  auto is = [&](std::initializer_list<std::string_view> words) {
    return starts_with_any(name, words) || contains_any(path, words);
  };
  if (name == "dockerfile" || starts_with_any(name, {"docker-compose", "serve", "server", "api", "handler"}) ||
      contains_any(path, {"deploy/", "serving/", "k8s/", "helm/"})) {
    return ComponentKind::deployment;
  }
  if (is({"safety", "guard", "moderation", "content_filter", "watermark", "red_team", "redteam"})) {
    return ComponentKind::safety_tooling;
  }
  if (starts_with_any(name, {"modeling_", "configuration_", "modelling_", "model.py", "architecture"}) ||
      contains_any(path, {"models/", "modeling/", "architecture/"})) {
    return ComponentKind::model_architecture;
  }
  if (is({"preprocess", "prepare_data", "data_prep", "dedup", "clean_data", "build_dataset", "tokenize_data",
          "data_processing", "make_dataset", "download_data"})) {
    return ComponentKind::data_preprocessing_code;
  }
  if (is({"train", "finetune", "fine_tune", "fine-tune", "pretrain", "sft", "dpo", "rlhf", "ppo", "trainer"})) {
    return ComponentKind::training_code;
  }
  if (is({"eval", "benchmark", "lm_eval", "evaluate"})) {
    return ComponentKind::evaluation_code;
  }
  if (is({"infer", "generate", "predict", "run_", "demo", "app.py", "chat", "pipeline", "sample", "example"})) {
    return ComponentKind::inference_code;
  }
  return std::nullopt;
}

bool is_intermediate_checkpoint(std::string_view path) {
  return contains_any(path, {"checkpoint-", "checkpoints/", "global_step", "intermediate/", "step-", "step_",
                             "ckpt-", "revisions/"});
}

InventoryEntry classify_lower(std::string_view path, std::string_view name, InventoryEntry e) {
  bool top = path.find('/') == std::string_view::npos;
  if (is_license_name(name)) {
    e.role = FileRole::license;
  } else if ((top && (name == "readme.md" || name == "readme")) || name == "model_card.md" ||
             name == "modelcard.md" || name == "model-card.md") {
    e.role = FileRole::model_card;
    e.component = ComponentKind::model_card;
  } else if (contains_any(name, {"datasheet", "data_card", "datacard", "data-card", "dataset_card"})) {
    e.role = FileRole::data_card;
    e.component = ComponentKind::data_card;
  } else if (starts_with_any(name, {"optimizer", "scheduler", "trainer_state", "training_args", "rng_state"})) {
    e.role = is_weights_name(name) ? FileRole::weights : FileRole::config;
    e.component = ComponentKind::model_metadata;
  } else if (is_weights_name(name)) {
    e.role = FileRole::weights;
    e.component = is_intermediate_checkpoint(path) ? ComponentKind::model_parameters_intermediate
                                                   : ComponentKind::model_parameters_final;
  } else if (starts_with_any(name, {"tokenizer", "vocab", "merges.txt", "special_tokens_map", "spiece",
                                    "sentencepiece", "added_tokens"})) {
    e.role = FileRole::tokenizer;
    e.component = ComponentKind::model_parameters_final;
  } else if (name == "config.json" || name == "generation_config.json" || name == "params.json" ||
             name == "adapter_config.json" || name.ends_with("_config.json") ||
             name == "model_index.json" || name == "preprocessor_config.json") {
    e.role = FileRole::config;
    e.component = ComponentKind::model_metadata;
  } else if (starts_with_any(name, {"eval_results", "results", "benchmark"}) &&
             ends_with_any(name, {".json", ".csv", ".md", ".yaml", ".yml"})) {
    e.role = FileRole::other;
    e.component = ComponentKind::evaluation_results;
  } else if (name == "requirements.txt" || name == "setup.py" || name == "pyproject.toml" ||
             name == "environment.yml" || name == "environment.yaml" || name == "setup.cfg") {
    e.role = FileRole::code;
    e.component = ComponentKind::supporting_libraries;
  } else if (is_code_name(name)) {
    e.role = FileRole::code;
    e.component = code_component(path, name);
  } else if (name.ends_with(".pdf") || contains_any(name, {"technical_report", "tech_report", "technical-report"})) {
    e.role = FileRole::document;
    e.component = contains_any(name, {"paper"}) ? ComponentKind::research_paper : ComponentKind::technical_report;
  } else if (ends_with_any(name, {".parquet", ".jsonl", ".arrow", ".tfrecord"}) ||
             (contains_any(path, {"data/", "dataset"}) && ends_with_any(name, {".csv", ".json", ".txt", ".tsv"}))) {
    e.role = FileRole::data;
    e.component = contains_any(path, {"eval", "test", "benchmark"}) ? ComponentKind::evaluation_data
                                                                     : ComponentKind::datasets;
  } else if (contains_any(path, {"samples/", "sample_outputs/", "outputs/", "generations/"})) {
    e.component = ComponentKind::sample_outputs;
  }
  return e;
}

}  // namespace

std::string_view to_string(FileRole role) {
  static constexpr std::array<std::string_view, 10> k_names = {
      "license", "model-card", "data-card", "weights", "config", "tokenizer", "code", "document", "data", "other"};
  return k_names[static_cast<std::size_t>(role)];
}

InventoryEntry classify_path(std::string_view relative_path, std::uint64_t size) {
  InventoryEntry e;
  e.path = std::string(relative_path);
  e.size = size;
  std::string lower = util::ascii_lower(relative_path);
  std::size_t slash = lower.rfind('/');
  std::string name = slash == std::string::npos ? lower : lower.substr(slash + 1);
  return classify_lower(lower, name, std::move(e));
}

util::Result<std::vector<InventoryEntry>> take_inventory(const std::string& dir) {
  std::vector<InventoryEntry> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec);
  if (ec) {
    return util::make_error(util::ErrorCode::io, "cannot read the directory: " + ec.message(), dir);
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      return util::make_error(util::ErrorCode::io, "cannot read the directory: " + ec.message(), dir);
    }
    const fs::directory_entry& entry = *it;
    std::string name = entry.path().filename().string();
    if (entry.is_directory(ec) && !entry.is_symlink(ec)) {
      if (name.starts_with(".") || name == "__pycache__" || name == "node_modules" ||
          it.depth() >= k_max_inventory_depth) {
        it.disable_recursion_pending();
      }
      continue;
    }
    if (entry.is_symlink(ec) || !entry.is_regular_file(ec) || name.starts_with(".")) {
      continue;
    }
    if (out.size() >= k_max_inventory_files) {
      return util::make_error(util::ErrorCode::too_large,
                              "more than " + std::to_string(k_max_inventory_files) + " files", dir);
    }
    std::string rel = entry.path().lexically_relative(dir).generic_string();
    out.push_back(classify_path(rel, entry.file_size(ec)));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

}  // namespace aperture::scan
