// One line of a Hub metadata dump (`aperture audit`, docs/audit.md): a model
// record as the Hugging Face Hub API returns model info (`id`, `cardData`,
// `tags`, `siblings`, ...). Only what the audit reads is kept; `siblings` is
// reduced to a count and two flags, so a record costs a few strings however
// long its file list is.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/util/result.hpp>

namespace aperture::audit {

// How a model derives from its base models (the Hub's `base_model_relation`).
enum class Relation : std::uint8_t { none, finetune, adapter, merge, quantized };
std::string_view to_string(Relation relation);
// "finetune", "adapter", "merge", "quantized" (case-insensitive); none otherwise.
Relation relation_from_string(std::string_view s);

struct DumpRecord {
  std::string id;                        // "meta-llama/Llama-3.1-8B-Instruct"
  std::string license;                   // `cardData.license`, else a `license:X` tag; empty when neither
  std::string license_name;              // `cardData.license_name` (meaningful with "other")
  std::vector<std::string> base_models;  // `cardData.base_model`, else `base_model:...` tags
  Relation relation = Relation::none;    // as stated: `cardData.base_model_relation` or the tag kind
  std::vector<std::string> datasets;     // `cardData.datasets`, else `dataset:...` tags
  bool claims_open_source = false;       // a tag (or card tag) "open-source", "opensource", "open source"
  std::uint32_t file_count = 0;          // `siblings`
  bool has_weights = false;              // a sibling with a weights extension
  bool has_license_file = false;         // a sibling named LICENSE*, LICENCE*, COPYING*
  bool has_adapter_config = false;       // a sibling adapter_config.json
};

// Limits against hostile lines: what is kept of one record.
inline constexpr std::size_t k_max_record_bases = 64;
inline constexpr std::size_t k_max_record_string = 4096;

// Reads one dump line. Fails with ErrorCode::parse and a one-line message
// ("malformed JSON: ...", "no string \"id\"", "\"tags\" is not a list") when
// the line is not a JSON object holding a model record.
util::Result<DumpRecord> parse_record(std::string_view line);

// The relation a record does not state: several bases make a merge, an
// adapter_config.json an adapter, a quantisation mark in the name ("-GGUF",
// "-AWQ", "-GPTQ", "-EXL2", "4bit", ...) a quantisation, anything else a
// fine-tune. `none` when there is no base.
Relation infer_relation(const DumpRecord& record);

}  // namespace aperture::audit
