// Following a release's base models up to the roots, through a Resolver: the
// catalog, local directories, or (in the audit) hub dump records. The
// traversal is iterative and bounded; each ancestor is resolved once; cycles,
// self-references, too deep chains and unresolved names are findings.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/lineage/lineage.hpp>
#include <aperture/lineage/rules.hpp>
#include <aperture/release/release.hpp>

namespace aperture::lineage {

// Where the records of named models come from.
class Resolver {
public:
  virtual ~Resolver() = default;
  // What is known of the model `name` ("owner/name", a catalog id, a path);
  // nullopt when this source does not know it.
  virtual std::optional<ResolvedModel> resolve(std::string_view name) = 0;
  // The license of the training data set `name` ("tatsu-lab/alpaca"):
  // `license`, `resolved_by`, `license_evidence` and `note` filled; nullopt
  // when this source does not know it.
  virtual std::optional<Dataset> resolve_dataset(std::string_view /*name*/) { return std::nullopt; }
  // Where it looked, for the `ancestor-unresolved` message: "the catalog".
  [[nodiscard]] virtual std::string where() const = 0;
};

struct TraceLimits {
  int max_depth = 64;                // ancestors deeper are not followed (`lineage-too-deep`)
  std::size_t max_ancestors = 4096;  // nor more than this many (`lineage-too-large`)
};

// The lineage of `subject`, whose own record names `bases` and `datasets`:
// ancestors breadth first, then the rules (rules.hpp apply_rules).
Lineage trace(const Subject& subject,
              const std::vector<BaseRef>& bases,
              const std::vector<Dataset>& datasets,
              Resolver& resolver,
              const TraceLimits& limits = {});

// The same for a scanned release (its name, declared license, card phrases,
// base models and datasets).
Lineage trace_release(const release::Release& release, Resolver& resolver, const TraceLimits& limits = {});

// The pieces of a Release the traversal reads.
Subject subject_of(const release::Release& release);
// Its base models, relations inferred where absent (rules.hpp infer_relation).
std::vector<BaseRef> bases_of(const release::Release& release);
// Its datasets, with the license a manifest states for each.
std::vector<Dataset> datasets_of(const release::Release& release);
// A resolved release as a resolver answers it.
ResolvedModel resolved_of(const release::Release& release, std::string resolved_by);

}  // namespace aperture::lineage
