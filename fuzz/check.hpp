// The invariant check of the fuzz targets: a broken invariant aborts, so
// libFuzzer, and the corpus replay under ctest, report it as a crash.
#pragma once

#include <cstdlib>

namespace aperture::fuzz {

inline void check(bool ok) {
  if (!ok) {
    std::abort();
  }
}

}  // namespace aperture::fuzz
