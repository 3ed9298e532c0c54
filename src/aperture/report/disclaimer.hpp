// The sentence every view of a verdict carries.
#pragma once

namespace aperture::report {

inline constexpr const char* k_disclaimer = "Aperture gives information, not legal advice.";

}  // namespace aperture::report
