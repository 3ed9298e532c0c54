// Which license covers which component of a scanned release: the model
// card's declared license covers the weights, a LICENSE file covers the
// repository, a source file's own header or SPDX tag covers the code.
#pragma once

#include <string>
#include <vector>

#include <aperture/release/release.hpp>

namespace aperture::scan {

// Sets license and license_id (with the evidence of where the license was
// found) on every present component that has none yet.
void assign_component_licenses(release::Release& release);

}  // namespace aperture::scan
