// A dump's records as a graph of model ids, and each model's lineage
// resolved over it: every id is interned once, every record is a compact
// row, and ancestors are resolved iteratively with memoisation, so a million
// records cost a few hundred bytes each and a 10,000-deep chain neither
// recurses nor goes quadratic.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <aperture/audit/dump_record.hpp>
#include <aperture/audit/license_table.hpp>
#include <aperture/release/release.hpp>

namespace aperture::audit {

inline constexpr std::uint32_t k_none = std::numeric_limits<std::uint32_t>::max();
// Deeper lineages are reported (`lineage-too-deep`), still resolved.
inline constexpr std::uint32_t k_max_lineage_depth = 256;
// Binding ancestor licenses kept per model (the nearest ancestor of each).
inline constexpr std::size_t k_max_binding_licenses = 4;

// One record of the dump.
struct Model {
  std::uint64_t line = 0;
  std::uint32_t node = 0;  // its interned id
  std::uint32_t license = LicenseTable::k_missing;
  std::uint32_t bases_begin = 0;  // its base models: DumpGraph::bases()[begin, begin + count)
  std::uint32_t bases_count = 0;
  std::uint32_t file_count = 0;
  std::uint32_t datasets_begin = 0;  // the data sets it names: DumpGraph::model_datasets()[begin, begin + count)
  std::uint32_t datasets_count = 0;
  Relation relation = Relation::none;  // stated, or inferred when `relation_inferred`
  bool relation_inferred = false;
  bool claims_open_source = false;
  bool has_weights = false;
  bool has_license_file = false;
  bool duplicate = false;  // an earlier record has the same id (that one's lineage counts)
};

// A license up the chain that binds derivatives, at its nearest ancestor.
struct BindingAncestor {
  std::uint32_t license = 0;
  std::uint32_t ancestor = 0;  // node
  std::uint32_t child = 0;     // the node naming it
  std::uint32_t depth = 1;
  Relation relation = Relation::none;  // how `child` derives from it
};

// A model id's resolved lineage.
struct NodeLineage {
  std::uint32_t depth = 0;  // the longest chain of bases above it
  std::uint32_t root_license =
      k_none;  // the first base's root's license; its own at a root; k_none unresolved
  bool in_cycle = false;
  bool self_reference = false;
  bool unresolved_base = false;  // a direct base is neither in the dump nor in the catalog
  std::vector<BindingAncestor> binding;
};

// A data set named by the dump's records, resolved once through the dataset catalog.
struct DumpDataset {
  std::string name;         // as first written
  std::string license;      // its license id or expression; empty when unknown
  std::string resolved_by;  // "dataset-catalog:alpaca"; empty when unknown
  release::Evidence license_evidence;
};

// How an id outside the dump is resolved (the bundled catalog in the CLI).
struct ExternalModel {
  std::string resolved_by;  // "catalog:llama-3.1-8b"; empty when unresolved
  std::string license_id;   // its license id; empty when unknown
};
using ExternalLookup = ExternalModel (*)(std::string_view id);

class DumpGraph {
public:
  // Adds one record (its line's number).
  void add(DumpRecord record, std::uint64_t line);
  // Resolves every model's lineage; ids outside the dump go to `lookup`.
  void resolve(ExternalLookup lookup);

  [[nodiscard]] const std::vector<Model>& models() const { return m_models; }
  [[nodiscard]] const std::vector<std::uint32_t>& bases() const { return m_bases; }
  [[nodiscard]] const std::vector<std::uint32_t>& model_datasets() const { return m_model_datasets; }
  [[nodiscard]] const DumpDataset& dataset(std::uint32_t index) const { return m_datasets[index]; }
  [[nodiscard]] std::string_view name(std::uint32_t node) const { return m_names[node]; }
  [[nodiscard]] std::uint32_t record_of(std::uint32_t node) const { return m_record[node]; }
  [[nodiscard]] const NodeLineage& lineage(std::uint32_t node) const { return m_lineage[node]; }
  [[nodiscard]] const ExternalModel& external(std::uint32_t node) const;
  // The license a node carries: its record's, its catalog entry's, or k_none.
  [[nodiscard]] std::uint32_t own_license(std::uint32_t node) const;
  [[nodiscard]] const LicenseTable& licenses() const { return m_licenses; }
  LicenseTable& licenses() { return m_licenses; }

private:
  std::uint32_t intern(std::string_view id);
  std::uint32_t intern_dataset(std::string_view name);
  void resolve_from(std::uint32_t start);
  void finish(std::uint32_t node);
  void mark_cycle(std::uint32_t from);
  void inherit(NodeLineage& lineage, std::uint32_t node, std::uint32_t parent, Relation relation) const;

  LicenseTable m_licenses;
  std::vector<Model> m_models;
  std::vector<std::uint32_t> m_bases;
  std::vector<std::uint32_t> m_model_datasets;                  // indexes into m_datasets
  std::vector<DumpDataset> m_datasets;
  std::unordered_map<std::string, std::uint32_t> m_dataset_ids;  // lower-case name → index
  std::unordered_map<std::string, std::uint32_t> m_ids;  // lower-case id → node
  std::vector<std::string> m_names;                      // node → id as first written
  std::vector<std::uint32_t> m_record;                   // node → first record, or k_none
  std::vector<NodeLineage> m_lineage;
  std::unordered_map<std::uint32_t, ExternalModel> m_external;
  std::unordered_map<std::string, std::uint32_t> m_external_license;  // license id → table index
  // Resolution state: 0 new, 1 on the stack, 2 done; the stack itself.
  std::vector<std::uint8_t> m_state;
  std::vector<std::uint32_t> m_stack_pos;
  struct Frame {
    std::uint32_t node;
    std::uint32_t next;
  };
  std::vector<Frame> m_stack;
};

// The binding licenses a node's ancestors pass on (license table indexes),
// each once, nearest ancestor first; every base of a merge is followed.
std::vector<std::uint32_t> inherited_licenses(const DumpGraph& graph, std::uint32_t node);

}  // namespace aperture::audit
