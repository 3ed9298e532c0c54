// Lineage (issue 6): the models a release was built from, followed through
// `base_model` up to the roots, what a derivative inherits from their licenses
// and training data, and what is wrong with the chain. The model here is plain
// data; `rules.hpp` judges it, `trace.hpp` builds it through a `Resolver`.
#pragma once

#include <string>
#include <vector>

#include <aperture/release/release.hpp>

namespace aperture::lineage {

// One model up the chain.
struct Ancestor {
  std::string name;                    // "meta-llama/Llama-3.1-8B", as the child names it
  std::string relation;                // finetune, adapter, merge, quantized
  bool relation_inferred = false;      // true when the child did not say and the relation was inferred
  int depth = 1;                       // 1 = a parent of the release, 2 = a grandparent, ...
  std::string child;                   // the model that names this one (the release's name at depth 1)
  std::string resolved_by;             // "catalog:ID", "directory:PATH", "dump"; empty = unresolved
  std::string license;                 // the ancestor's own license id, resolved; empty when unknown
  release::Evidence evidence;          // where the child names it (file, line, quote)
  release::Evidence license_evidence;  // the ancestor's license clause: its URL, the declaration
};

// A training data set named by the release or one of its ancestors.
struct Dataset {
  std::string name;
  std::string license;   // the data's license id or expression; empty when unknown
  std::string named_by;  // the model that names it
  release::Evidence evidence;          // where it is named
  std::string resolved_by;             // "dataset-catalog:alpaca" when the license was looked up
  release::Evidence license_evidence;  // the page that states the data's license
  release::Evidence note;              // a caveat the catalog states (quote empty when none)
};

// A duty or restriction a derivative takes over from an ancestor or data set.
struct Obligation {
  // name-prefix, display, notice, copy-of-license, credit, mark-changes,
  // flow-down, use-policy, user-threshold, non-commercial, share-alike
  std::string kind;
  std::string text;            // the required words, or what the duty asks, in one line
  std::string license;         // the license it comes from
  std::string ancestor;        // the ancestor (or data set) under that license
  release::Evidence evidence;  // the clause: the license URL and the clause's quote
};

struct Lineage {
  std::vector<Ancestor> ancestors;  // in the order they were reached (breadth first)
  std::vector<Dataset> datasets;
  std::vector<Obligation> obligations;
  std::vector<release::Finding> findings;
};

// A base model as a record names it (the card's `base_model`, a dump row).
struct BaseRef {
  std::string name;
  std::string relation;            // finetune, adapter, merge, quantized; empty when the record does not say
  bool relation_inferred = false;  // `relation` was filled in by infer_relation
  release::Evidence evidence;
};

// What a resolver knows of one model.
struct ResolvedModel {
  std::string license;  // its license id; empty when unknown
  release::Evidence license_evidence;
  std::vector<BaseRef> bases;  // relations already inferred where absent (rules.hpp)
  std::vector<Dataset> datasets;
  std::string resolved_by;  // "catalog:llama-3.1-8b", "directory:/models/x", "dump"
};

}  // namespace aperture::lineage
