// A release as SPDX 3.0.1 JSON-LD with the AI and Dataset profiles: the model
// and each model it was built from as `ai_AIPackage`, the data sets as
// `dataset_DatasetPackage`, licenses as `simplelicensing_LicenseExpression`
// (custom AI licenses as LicenseRef ids mapped to their URL), and the
// relationships `hasDeclaredLicense`, `hasConcludedLicense`, `ancestorOf` and
// `trainedOn`. docs/bom.md shows the layout.
#pragma once

#include <string>

#include <aperture/bom/facts.hpp>

namespace aperture::bom {

// The document. Element ids are "urn:uuid:UUID#LOCAL" with the stamp's UUID.
// The same `facts` and `stamp` give the same bytes.
std::string spdx3_json(const BomFacts& facts, const DocumentStamp& stamp);

}  // namespace aperture::bom
