// The evidence model (DESIGN.md): everything Aperture learned about one model
// release, whatever the input was (a model directory, a model card, a license
// text, an MOT or OSAI-index file). Readers fill a Release; frameworks judge it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/license/match.hpp>

namespace aperture::release {

// Where a fact came from: a file and line, or a URL, and the words that say it.
struct Evidence {
  std::string file;        // path relative to the scanned target (or the input file)
  std::uint32_t line = 0;  // 1-based; 0 when the fact is not tied to a line
  std::string url;
  std::string quote;       // the claim, clause or value as written (short)
  std::string checked;     // YYYY-MM-DD a person last checked the fact (manifests); empty otherwise
};

// The 17 components of the Model Openness Framework, then the layers other
// frameworks add. Order is stable: it indexes Release::components.
enum class ComponentKind : std::uint8_t {
  model_architecture,
  data_preprocessing_code,
  training_code,
  inference_code,
  evaluation_code,
  supporting_libraries,
  model_parameters_final,
  model_parameters_intermediate,
  model_metadata,
  datasets,
  evaluation_data,
  model_card,
  data_card,
  technical_report,
  research_paper,
  evaluation_results,
  sample_outputs,
  safety_tooling,
  deployment,
};
inline constexpr std::size_t k_component_kinds = 19;
inline constexpr std::size_t k_mof_component_kinds = 17;

// What a component holds, which decides the kind of license it needs.
enum class ContentType : std::uint8_t { code, data, document };

// "model-architecture", "training-code", ...
std::string_view to_string(ComponentKind kind);
// The MOF's own name: "Model architecture", "Model parameters (Final)", ...
std::string_view mof_name(ComponentKind kind);
// The MOF's one-line description: "Code used for training the model".
std::string_view mof_description(ComponentKind kind);
std::optional<ComponentKind> component_kind_from_mof_name(std::string_view name);
std::optional<ComponentKind> component_kind_from_string(std::string_view id);
ContentType content_type(ComponentKind kind);
std::string_view to_string(ContentType type);

enum class Presence : std::uint8_t { unknown, present, absent };
std::string_view to_string(Presence presence);

struct Component {
  ComponentKind kind = ComponentKind::model_architecture;
  Presence presence = Presence::unknown;
  // The license as written by the source ("Apache-2.0", "llama3.1",
  // "unlicensed") and what Aperture resolved it to (an SPDX expression or an
  // Aperture LicenseRef id); `license_id` is empty when nothing is known.
  std::string license;
  std::string license_id;
  std::vector<Evidence> evidence;  // where the component and its license were found
};

inline Component make_component(ComponentKind kind) {
  Component c;
  c.kind = kind;
  return c;
}

// A license found in one of the release's files (or declared in metadata).
struct FoundLicense {
  license::LicenseMatch match;
  std::string file;  // relative path of the file it was found in
  std::string role;  // "license-file", "model-card", "card-metadata", "gguf-metadata", "notice", "code"
};

// A license text in a LICENSE file that is too changed to name: most like one
// SPDX text, with words added or changed (see license::UnidentifiedText).
struct ModifiedLicense {
  struct Clause {
    std::string kind;   // terms::ClauseKind's name: "field-of-use-ban", "non-commercial", ...
    Evidence evidence;  // its line and sentence
  };
  std::string file;     // relative path of the LICENSE file
  std::string closest;  // SPDX id of the text it is most like
  double coverage = 0;  // share of that text's words present, 0..1
  license::LineRange lines;
  std::vector<Clause> clauses;  // restrictive clauses found in those lines
};

// What the release says about itself.
enum class ClaimKind : std::uint8_t {
  open_source,        // "open source", "open-source model"
  open_weights,       // "open weights"
  declared_license,   // a license id in metadata (card `license:`, GGUF general.license)
  base_model,
  dataset,
};
std::string_view to_string(ClaimKind kind);

struct Claim {
  ClaimKind kind = ClaimKind::open_source;
  std::string value;  // the id, model or dataset named; the claim's words for open_source
  std::string source; // "card-metadata", "card-text", "tags", "name", "gguf-metadata", ...
  Evidence evidence;
};

enum class Severity : std::uint8_t { info, warning, error };
std::string_view to_string(Severity severity);

// A problem or notable fact worth a reader's attention.
struct Finding {
  std::string rule;  // "open-washing", "pickle-weights", "license-missing", ...
  Severity severity = Severity::warning;
  std::string message;
  std::vector<Evidence> evidence;
};

// One file of a scanned directory.
struct FileEntry {
  std::string path;            // relative, '/'-separated
  std::uint64_t size = 0;      // bytes on disk
  std::uint64_t stands_for = 0;  // for Git LFS pointers: the size of the real file
  std::string kind;            // "safetensors", "gguf", "pickle", "lfs-pointer", "code", "license", ...
  std::uint64_t parameters = 0;  // from a weights header; 0 when unknown
};

// A model this release was built from (card `base_model`, GGUF
// general.base_model.N, an index's base-model entry), with what is known of
// its weights and training data.
struct BaseModel {
  std::string name;      // "meta-llama/Llama-3.1-8B"
  std::string relation;  // card `base_model_relation`: finetune, adapter, merge, quantized; empty when unsaid
  Evidence evidence;
  Component weights = make_component(ComponentKind::model_parameters_final);
  Component datasets = make_component(ComponentKind::datasets);
};

// What someone else rated the release (the OSAI index's own rating of a
// parameter, read from its file). Views show it beside Aperture's verdict;
// no framework reads it.
struct ExternalRating {
  std::string source;  // "osai-index"
  std::string item;    // the parameter: "weights_endmodel"
  std::string rating;  // "open", "partial", "closed"; empty when the source gives none
  Evidence evidence;
};

struct Release {
  std::string target;     // what was scanned, as given
  std::string input_kind; // "directory", "model-card", "license-text", "mot", "osai", "manifest"
  std::string name;
  std::string publisher;
  std::string version;
  std::string url;        // repository or hub page, when known
  // Other Hub repositories of this release under the same license and terms
  // (a manifest's `variants`: the instruct variant, a former repository name);
  // each quote is the Hub path "owner/name", its url the page that shows it.
  std::vector<Evidence> variants;
  std::array<Component, k_component_kinds> components{};
  std::vector<FoundLicense> licenses;
  std::vector<ModifiedLicense> modified_licenses;
  std::vector<Claim> claims;
  std::vector<BaseModel> base_models;
  // The knowledge base's display phrases ("Built with Llama": `display`
  // attribution duties) that the model card's text contains, for the lineage's
  // notice check; nullopt when no model card text was read.
  std::optional<std::vector<std::string>> card_phrases;
  std::optional<std::uint64_t> parameter_count;
  Evidence parameter_evidence;
  std::string architecture;  // "llama (LlamaForCausalLM)", from config.json or GGUF metadata
  Evidence architecture_evidence;
  // Stated by a manifest or the catalog (a repository rarely says).
  std::string released;                     // "2024-07-23" or "2024-07"
  std::string access;                       // "weights" or "api"; empty when not stated
  std::vector<std::string> outputs;         // what it generates: "text", "image", ...
  std::optional<double> training_tokens;
  Evidence training_tokens_evidence;
  std::optional<double> training_compute;   // FLOP
  Evidence training_compute_evidence;
  std::vector<FileEntry> files;
  std::vector<Finding> findings;  // what the readers noticed (broken front matter, pickle files)
  std::vector<ExternalRating> external_ratings;

  Release();
  Component& component(ComponentKind kind) { return components[static_cast<std::size_t>(kind)]; }
  [[nodiscard]] const Component& component(ComponentKind kind) const {
    return components[static_cast<std::size_t>(kind)];
  }
};

// The distinct license ids found with `role` ("license-file", "card-metadata",
// "model-card", "code", "gguf-metadata"), joined with " AND "; empty when none.
std::string license_expression(const Release& release, std::string_view role);

// Where the weights' license is read from, most telling first: what a
// manifest or the card declares, the LICENSE file, the GGUF metadata, a
// notice in the card's text.
inline constexpr std::array<std::string_view, 5> k_weights_license_roles = {
    "manifest", "card-metadata", "license-file", "gguf-metadata", "model-card"};

// The license a reader means by "the release's license": the weights' when
// known, else the first of k_weights_license_roles found. Empty when none was.
std::string release_license(const Release& release);

}  // namespace aperture::release
