// The embedded store: one SQLite connection guarded by a mutex, in WAL mode with
// synchronous=FULL, so a write acknowledged to a client survives kill -9 and a
// power cut. Other processes (aperture token create) may use the file at the
// same time; they wait up to 5 s for a lock.
#pragma once

#include <memory>
#include <string>

#include <aperture/store/store.hpp>

namespace aperture::store {

// Opens or creates the database at `path` (":memory:" for a private in-memory one).
util::Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace aperture::store
