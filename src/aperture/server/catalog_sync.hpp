// The bundled catalog into the store, at every start of `aperture serve`: each
// release is assessed and filed; a history row is appended only when its
// assessment changed since the last start (a new Aperture, a revised manifest).
#pragma once

#include <cstddef>

#include <aperture/store/store.hpp>
#include <aperture/util/result.hpp>

namespace aperture::server {

struct SyncCounts {
  std::size_t added = 0;
  std::size_t changed = 0;
  std::size_t unchanged = 0;
};

util::Result<SyncCounts> sync_catalog(store::Store& store);

}  // namespace aperture::server
