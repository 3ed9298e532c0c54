// The lineage rules as pure functions of plain records: a child's name and
// declared license, its ancestors' resolved licenses and relations. No
// Release, no I/O: the scan calls them through trace.hpp, and the audit of hub
// dumps calls them directly on millions of records. License knowledge comes
// from the knowledge base (assess::find_known_license), never from model names.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/lineage/lineage.hpp>
#include <aperture/release/release.hpp>

namespace aperture::lineage {

// The derivative being judged, as the rules need it.
struct Subject {
  std::string
      name;  // "my-org/llama-chat" or a bare name; the name-prefix duty is checked on the part after '/'
  std::string license;  // its declared license id or expression as resolved ("Apache-2.0"); empty when none
  release::Evidence declaration;  // where it declares the license (the card's `license:` line)
  // The knowledge base's display phrases ("Built with Llama") its model card
  // shows, and whether a card was read at all: without one, display duties
  // are obligations but never `notice-missing` findings.
  std::vector<std::string> shown_phrases;
  bool card_read = false;
  // The license ids of the texts in its files (LICENSE, NOTICE), and whether
  // its files were listed at all: without a listing, copy-of-license duties
  // are obligations but never `notice-missing` findings.
  std::vector<std::string> license_copies;
  bool files_listed = false;
};

// The relation of a child to a base when the child does not say:
// "quantized" when `child_name` or one of `file_names` says GGUF, -GGUF,
// -AWQ, -GPTQ, bnb or 4bit; "adapter" for adapter_config.json or "lora";
// "merge" when `base_count` > 1; else "finetune". `declared` wins when not empty.
std::string infer_relation(std::string_view declared,
                           std::string_view child_name,
                           const std::vector<std::string>& file_names,
                           std::size_t base_count);

// Does the license `id` bind derivatives to its terms: use restrictions that
// flow down, copyleft or share-alike, or a restricted license (not open under
// the OSD) whose derivatives must carry a copy of it or its name? False for
// permissive licenses and for ids the knowledge base does not know.
bool binds_derivatives(std::string_view id);

// The chain from the subject to `ancestors[index]`, each ancestor with its
// license and resolver: "a/x → b/y (LicenseRef-Llama-3.1, catalog:llama-3.1-8b)".
// Walks the `child` names back; stops on a missing or repeated link.
// REQUIRES: `index` < ancestors.size().
std::string chain_text(const Subject& subject, const std::vector<Ancestor>& ancestors, std::size_t index);

// What a derivative of `ancestor` inherits from its license's terms:
// attribution duties (name-prefix, display, notice, copy-of-license, credit,
// mark-changes), flow-down of use restrictions, the use policy, the user
// threshold, non-commercial and share-alike terms. Empty when the license is
// unknown.
std::vector<Obligation> license_obligations(const Ancestor& ancestor);

// What a model trained on `dataset` inherits from the data's license (an id
// or an expression, each of its licenses read): non-commercial (commercial
// use banned) and share-alike (copyleft) terms.
std::vector<Obligation> dataset_obligations(const Dataset& dataset);

// Does the data license `license` (an id or expression) ban commercial use:
// a license that does, or every alternative of an OR that does?
bool data_bans_commercial(std::string_view license);

// `data-terms-conflict`: the subject declares a license that allows
// commercial use while a data set it (or an ancestor) was trained on bans
// it. A warning: whether a data set's terms reach the model is unsettled.
std::vector<release::Finding> check_data_terms(const Subject& subject, const std::vector<Dataset>& datasets);

// `license-laundering`: the subject declares a license other than, and more
// permissive than, an ancestor's whose terms bind derivatives
// (binds_derivatives); a quantized or adapter release that does not keep its
// parent's binding license. One finding per ancestor license, at the nearest
// ancestor; each shows the chain.
std::vector<release::Finding> check_laundering(const Subject& subject,
                                               const std::vector<Ancestor>& ancestors);

// `merge-conflict`: the bases of one merge (the subject's or an ancestor's)
// under licenses that cannot hold together: two binding licenses of different
// families, or a strong copyleft with a restricted or non-commercial license.
std::vector<release::Finding> check_merges(const Subject& subject, const std::vector<Ancestor>& ancestors);

// `notice-missing`: a name-prefix duty the subject's name does not meet, a
// display duty its card does not show, a copy-of-license duty none of its
// listed files meets (no file holds that license's text). Skipped when the subject has the
// ancestor's owner (the licensor's own releases).
std::vector<release::Finding> check_notices(const Subject& subject,
                                            const std::vector<Ancestor>& ancestors,
                                            const std::vector<Obligation>& obligations);

// All of the above on a traced lineage: fills `lineage.obligations` (from
// every ancestor and data set, each kind and text once, nearest first) and
// appends the findings of the four checks to `lineage.findings`.
void apply_rules(const Subject& subject, Lineage& lineage);

}  // namespace aperture::lineage
