// A release as a CycloneDX 1.6 ML-BOM (JSON): the model as a
// `machine-learning-model` component with its model card, the models it was
// built from as `pedigree.ancestors`, the data sets it names as `data`
// components, and licenses as SPDX ids or, for custom AI licenses, by name and
// URL. docs/bom.md shows the layout.
#pragma once

#include <string>

#include <aperture/bom/facts.hpp>

namespace aperture::bom {

// The document, in the layout every command prints. The same `facts` and
// `stamp` give the same bytes.
std::string cyclonedx_json(const BomFacts& facts, const DocumentStamp& stamp);

}  // namespace aperture::bom
