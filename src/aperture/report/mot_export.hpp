// A scanned release as a Model Openness Tool model file (the YAML of
// github.com/lfai/model_openness_tool models/*.yml), so what Aperture found
// can be reviewed and submitted to the MOT. Reading it back with
// formats::read_mot_file gives the same components, licenses and MOF class.
#pragma once

#include <string>

#include <aperture/release/release.hpp>

namespace aperture::report {

// Every MOF component known to be present, with its license (an empty
// license when none was found, so the MOT does not fall back to the release's)
// and where it was found; components absent or unknown are left out, as the
// MOT reads a missing component as not included.
std::string mot_yaml(const release::Release& release);

}  // namespace aperture::report
