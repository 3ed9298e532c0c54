// The shared store: PostgreSQL through libpqxx, a small pool of connections
// (one per request being served, up to a limit), each statement parameterised.
// A connection that breaks is dropped and a new one opened for the next request.
#pragma once

#include <memory>
#include <string>

#include <aperture/store/store.hpp>

namespace aperture::store {

// Connects to `url` ("postgresql://user:pass@host/db"); fails when the server
// cannot be reached.
util::Result<std::unique_ptr<Store>> open_pg_store(const std::string& url);

}  // namespace aperture::store
