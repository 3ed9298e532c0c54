#include <set>
#include <unordered_map>

#include <aperture/audit/audit.hpp>
#include <aperture/audit/model_findings.hpp>
#include <aperture/catalog/catalog.hpp>
#include <aperture/util/text.hpp>

namespace aperture::audit {
namespace {


LineSink collect_into(Audit& audit) {
  return [&audit](std::vector<DumpLine>& lines) {
    for (DumpLine& l : lines) {
      if (l.record) {
        audit.graph.add(std::move(*l.record), l.line);
      } else {
        audit.errors.push_back({l.line, l.record.error().message});
      }
    }
  };
}

// Hub path ("owner/name", lower case) → catalog entry, built on first use.
const std::unordered_map<std::string, ExternalModel>& catalog_by_hub_path() {
  static const std::unordered_map<std::string, ExternalModel> k_map = [] {
    std::unordered_map<std::string, ExternalModel> map;
    for (const catalog::CatalogEntry& entry : catalog::entries()) {
      auto release = catalog::read_entry(entry);
      if (!release) {
        continue;
      }
      for (std::string& path : catalog::hub_paths(*release)) {
        map.emplace(std::move(path), ExternalModel{"catalog:" + entry.id, release::release_license(*release)});
      }
    }
    return map;
  }();
  return k_map;
}

}  // namespace

ExternalModel catalog_lookup(std::string_view id) {
  const auto& map = catalog_by_hub_path();
  auto it = map.find(util::ascii_lower(util::trim(id)));
  return it == map.end() ? ExternalModel{} : it->second;
}

util::Result<Audit>
audit_file(const std::string& path, const ReadOptions& options, const ProgressSink& progress) {
  Audit audit;
  audit.dump = path;
  util::Status read = read_dump_file(path, options, collect_into(audit), progress);
  if (!read) {
    return read.error();
  }
  audit.graph.resolve(catalog_lookup);
  return audit;
}

Audit audit_text(std::string_view text, std::string dump, const ReadOptions& options) {
  Audit audit;
  audit.dump = std::move(dump);
  read_dump_text(text, options, collect_into(audit));
  audit.graph.resolve(catalog_lookup);
  return audit;
}

Summary walk_findings(const Audit& audit, const FindingsVisitor& visit) {
  Summary s;
  s.errors = audit.errors.size();
  const std::vector<Model>& models = audit.graph.models();
  s.records = models.size();
  // Counted by license index, named once at the end (labels of different indexes can coincide).
  std::vector<std::uint64_t> per_license(audit.graph.licenses().size());
  std::vector<std::uint64_t> per_inherited(audit.graph.licenses().size());
  for (std::uint32_t i = 0; i < models.size(); ++i) {
    std::vector<release::Finding> findings = model_findings(audit.graph, i, audit.dump);
    ++per_license[models[i].license];
    for (std::uint32_t l : inherited_licenses(audit.graph, models[i].node)) {
      ++per_inherited[l];
    }
    std::set<std::string_view> rules;
    for (const release::Finding& f : findings) {
      rules.insert(f.rule);
    }
    for (std::string_view rule : rules) {
      ++s.by_rule[std::string(rule)];
    }
    s.with_findings += findings.empty() ? 0 : 1;
    if (visit) {
      visit(i, findings);
    }
  }
  for (std::uint32_t l = 0; l < per_license.size(); ++l) {
    if (per_license[l] > 0) {
      s.by_license[std::string(audit.graph.licenses().label(l))] += per_license[l];
    }
    if (per_inherited[l] > 0) {
      s.by_inherited[std::string(audit.graph.licenses().label(l))] += per_inherited[l];
    }
  }
  return s;
}

}  // namespace aperture::audit
