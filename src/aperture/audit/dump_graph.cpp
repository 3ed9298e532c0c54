#include <algorithm>

#include <aperture/audit/dump_graph.hpp>
#include <aperture/catalog/catalog.hpp>
#include <aperture/util/text.hpp>

namespace aperture::audit {

std::uint32_t DumpGraph::intern(std::string_view id) {
  std::string key = util::ascii_lower(id);  // the Hub's ids are case-insensitive
  auto [it, added] = m_ids.try_emplace(std::move(key), static_cast<std::uint32_t>(m_names.size()));
  if (added) {
    m_names.emplace_back(id);
    m_record.push_back(k_none);
  }
  return it->second;
}

void DumpGraph::add(DumpRecord record, std::uint64_t line) {
  Model m;
  m.line = line;
  m.node = intern(record.id);
  m.license = m_licenses.intern(record.license, record.license_name);
  m.bases_begin = static_cast<std::uint32_t>(m_bases.size());
  for (const std::string& base : record.base_models) {
    m_bases.push_back(intern(util::trim(base)));
  }
  m.bases_count = static_cast<std::uint32_t>(m_bases.size()) - m.bases_begin;
  m.datasets_begin = static_cast<std::uint32_t>(m_model_datasets.size());
  for (const std::string& d : record.datasets) {
    m_model_datasets.push_back(intern_dataset(d));
  }
  m.datasets_count = static_cast<std::uint32_t>(m_model_datasets.size()) - m.datasets_begin;
  m.relation = record.relation;
  if (m.relation == Relation::none) {
    m.relation = infer_relation(record);
    m.relation_inferred = m.relation != Relation::none;
  }
  m.file_count = record.file_count;
  m.claims_open_source = record.claims_open_source;
  m.has_weights = record.has_weights;
  m.has_license_file = record.has_license_file;
  auto index = static_cast<std::uint32_t>(m_models.size());
  m.duplicate = m_record[m.node] != k_none;
  if (!m.duplicate) {
    m_record[m.node] = index;
  }
  m_models.push_back(m);
}

std::uint32_t DumpGraph::intern_dataset(std::string_view name) {
  auto [it, fresh] =
      m_dataset_ids.try_emplace(util::ascii_lower(name), static_cast<std::uint32_t>(m_datasets.size()));
  if (fresh) {
    DumpDataset d;
    d.name = std::string(name);
    if (const formats::DatasetManifest* known = catalog::find_dataset(name)) {
      d.license = known->license;
      d.resolved_by = "dataset-catalog:" + known->id;
      d.license_evidence = known->license_evidence;
    }
    m_datasets.push_back(std::move(d));
  }
  return it->second;
}

const ExternalModel& DumpGraph::external(std::uint32_t node) const {
  static const ExternalModel k_unresolved;
  auto it = m_external.find(node);
  return it == m_external.end() ? k_unresolved : it->second;
}

std::uint32_t DumpGraph::own_license(std::uint32_t node) const {
  if (m_record[node] != k_none) {
    return m_models[m_record[node]].license;
  }
  const ExternalModel& e = external(node);
  if (e.license_id.empty()) {
    return k_none;
  }
  auto it = m_external_license.find(e.license_id);
  return it == m_external_license.end() ? k_none : it->second;
}

void DumpGraph::resolve(ExternalLookup lookup) {
  std::size_t nodes = m_names.size();
  // Ids only named as bases: the catalog, once each.
  for (std::uint32_t node = 0; node < nodes; ++node) {
    if (m_record[node] != k_none) {
      continue;
    }
    ExternalModel e = lookup ? lookup(m_names[node]) : ExternalModel{};
    if (e.resolved_by.empty()) {
      continue;
    }
    if (!e.license_id.empty() && !m_external_license.contains(e.license_id)) {
      m_external_license.emplace(e.license_id, m_licenses.intern_id(e.license_id));
    }
    m_external.emplace(node, std::move(e));
  }
  m_lineage.assign(nodes, NodeLineage{});
  m_state.assign(nodes, 0);
  m_stack_pos.assign(nodes, k_none);
  for (std::uint32_t node = 0; node < nodes; ++node) {
    if (m_state[node] == 0) {
      resolve_from(node);
    }
  }
  m_state = {};
  m_stack_pos = {};
  m_stack = {};
}

// Depth-first over the bases with an explicit stack: a node is finished
// once all its bases are. A base still on the stack closes a cycle; that
// edge is left out and every node on the cycle is marked.
void DumpGraph::resolve_from(std::uint32_t start) {
  m_stack.push_back({start, 0});
  m_state[start] = 1;
  m_stack_pos[start] = 0;
  while (!m_stack.empty()) {
    Frame& frame = m_stack.back();
    std::uint32_t record = m_record[frame.node];
    const Model* model = record == k_none ? nullptr : &m_models[record];
    if (model == nullptr || frame.next == model->bases_count) {
      std::uint32_t done = frame.node;
      m_stack.pop_back();
      finish(done);
      continue;
    }
    std::uint32_t base = m_bases[model->bases_begin + frame.next++];
    if (base == frame.node) {
      m_lineage[frame.node].self_reference = true;
    } else if (m_state[base] == 1) {
      mark_cycle(base);
    } else if (m_state[base] == 0) {
      m_state[base] = 1;
      m_stack_pos[base] = static_cast<std::uint32_t>(m_stack.size());
      m_stack.push_back({base, 0});
    }
  }
}

void DumpGraph::mark_cycle(std::uint32_t from) {
  for (std::size_t i = m_stack_pos[from]; i < m_stack.size(); ++i) {
    m_lineage[m_stack[i].node].in_cycle = true;
  }
}

// A node's lineage from its finished bases: depth, root license, binding
// licenses. Bases on the stack (cycles) and the node itself are left out.
void DumpGraph::finish(std::uint32_t node) {
  m_state[node] = 2;
  m_stack_pos[node] = k_none;
  NodeLineage& lineage = m_lineage[node];
  std::uint32_t record = m_record[node];
  if (record == k_none) {
    lineage.root_license = own_license(node);
    return;
  }
  const Model& model = m_models[record];
  lineage.root_license = model.license;
  bool first = true;
  for (std::uint32_t i = 0; i < model.bases_count; ++i) {
    std::uint32_t base = m_bases[model.bases_begin + i];
    if (base == node || m_state[base] != 2) {
      continue;
    }
    const NodeLineage& up = m_lineage[base];
    lineage.depth = std::max(lineage.depth, up.depth + 1);
    if (first) {
      lineage.root_license = up.root_license;
      first = false;
    }
    lineage.unresolved_base =
        lineage.unresolved_base || (m_record[base] == k_none && external(base).resolved_by.empty());
    inherit(lineage, node, base, model.relation);
  }
}

// Adds the parent's own binding license and the binding licenses above it,
// keeping the nearest ancestor of each license and at most
// k_max_binding_licenses of them.
void DumpGraph::inherit(NodeLineage& lineage,
                        std::uint32_t node,
                        std::uint32_t parent,
                        Relation relation) const {
  auto add = [&lineage](BindingAncestor b) {
    auto same = std::find_if(lineage.binding.begin(), lineage.binding.end(),
                             [&b](const BindingAncestor& a) { return a.license == b.license; });
    if (same != lineage.binding.end()) {
      if (b.depth < same->depth) {
        *same = b;
      }
      return;
    }
    if (lineage.binding.size() < k_max_binding_licenses) {
      lineage.binding.push_back(b);
    }
  };
  std::uint32_t own = own_license(parent);
  if (own != k_none && m_licenses[own].binds) {
    add({own, parent, node, 1, relation});
  }
  for (const BindingAncestor& b : m_lineage[parent].binding) {
    add({b.license, b.ancestor, b.child, b.depth + 1, b.relation});
  }
}

std::vector<std::uint32_t> inherited_licenses(const DumpGraph& graph, std::uint32_t node) {
  std::vector<std::uint32_t> out;
  for (const BindingAncestor& b : graph.lineage(node).binding) {
    if (std::find(out.begin(), out.end(), b.license) == out.end()) {
      out.push_back(b.license);
    }
  }
  return out;
}

}  // namespace aperture::audit
