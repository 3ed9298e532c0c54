// The findings on one record of an audited dump: its license
// (license-missing, license-unknown, open-washing), its lineage
// (license-laundering and merge-conflict by lineage/rules.hpp,
// ancestor-unresolved, lineage-cycle, lineage-self-reference,
// lineage-too-deep) and duplicate-id. Each finding's evidence names the dump
// and the record's line.
#pragma once

#include <string_view>
#include <vector>

#include <aperture/audit/dump_graph.hpp>
#include <aperture/release/release.hpp>

namespace aperture::audit {

// REQUIRES: `graph` resolved; `record` < graph.models().size().
std::vector<release::Finding>
model_findings(const DumpGraph& graph, std::uint32_t record, std::string_view dump);

}  // namespace aperture::audit
