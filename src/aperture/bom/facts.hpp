// What both AI bills of materials (CycloneDX 1.6, SPDX 3.0.1) say about a
// release, gathered once from its Assessment: the model, the models it was
// built from, the data sets it names, their licenses resolved through the
// knowledge base, and Aperture's verdicts. Only facts the release states or
// Aperture derived are kept; anything unknown stays empty and is left out of
// both documents.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/frameworks/assessment.hpp>

namespace aperture::bom {

// One license of an expression, with what the knowledge base knows of it.
struct LicenseTerm {
  std::string id;            // "Apache-2.0", "LicenseRef-Llama-3.1"
  std::string name;          // "Apache License 2.0"; empty when unknown
  std::string url;           // the license text's URL; empty when unknown
  bool spdx_listed = false;  // on the SPDX License List (else a custom license)
};

// A license as both formats write it.
struct LicenseInfo {
  std::string expression;          // a valid SPDX expression; empty when unknown
  bool simple_list = false;        // only ids joined by AND (no OR, no WITH): writable as a list
  std::vector<LicenseTerm> terms;  // the expression's licenses, left to right
};

// `text` (an SPDX expression, an Aperture LicenseRef id or a Hugging Face
// license id such as "llama3.1") resolved: ids put in canonical form, custom
// licenses named with their URL. Text that is neither an expression nor a
// known id becomes one LicenseRef made of its letters and digits.
// Empty `text` gives an empty LicenseInfo.
LicenseInfo license_info(std::string_view text);

struct ModelFacts {
  std::string ref;  // a local identifier, unique in the document
  std::string name;
  std::string publisher;
  std::string version;
  std::string url;                 // repository or Hub page
  std::string released;            // "2024-07-23T00:00:00Z" when the release gives a full date; else empty
  bool weights_published = false;  // the final parameters are known to be published
  std::string architecture;
  std::optional<std::uint64_t> parameter_count;
  std::optional<double> training_tokens;
  std::vector<std::string> outputs;   // "text", "image", ...
  std::string card_url;               // the model card, when its location is known
  LicenseInfo declared;               // what the release declares (manifest, card metadata, GGUF metadata)
  LicenseInfo concluded;              // what Aperture concluded covers the weights
  std::vector<std::string> datasets;  // refs of the data sets this model names
};

struct AncestorFacts {
  std::string ref;
  std::string name;
  std::string relation;  // finetune, adapter, merge, quantized; empty when unknown
  bool relation_inferred = false;
  int depth = 1;
  std::vector<std::string> child_refs;  // the models (release or ancestors) built from this one
  LicenseInfo license;                  // its own license, resolved; empty when unknown
  std::vector<std::string> datasets;    // refs of the data sets it names
};

struct DatasetFacts {
  std::string ref;
  std::string name;
  LicenseInfo license;
};

// Aperture's verdicts, carried as properties (CycloneDX) or an annotation (SPDX).
struct VerdictFacts {
  std::string osd;  // pass, fail, unknown
  std::string osaid;
  std::string mof;       // "Class III - Open Model", "Unclassified"
  std::string spectrum;  // "open weights under restrictive terms"; empty when unknown
};

struct BomFacts {
  std::string target;
  ModelFacts model;
  std::vector<AncestorFacts> ancestors;  // in lineage order (breadth first)
  std::vector<DatasetFacts> datasets;    // each data set once, in the order first named
  VerdictFacts verdicts;
};

BomFacts facts_of(const frameworks::Assessment& assessment);

// What a document carries beyond the facts.
struct DocumentStamp {
  std::string timestamp;     // "YYYY-MM-DDThh:mm:ssZ"
  std::string uuid;          // the serial number / namespace, lower-case "xxxxxxxx-xxxx-..."
  std::string tool_version;  // Aperture's version
};

// The date the release's facts were last checked by a person (manifests),
// else its full release date, as "YYYY-MM-DDT00:00:00Z"; the Unix epoch when
// neither is known. The default creation time of both documents, so that
// the same input gives the same bytes.
std::string default_timestamp(const release::Release& release);

}  // namespace aperture::bom
