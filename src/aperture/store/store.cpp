#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include <fmt/format.h>

#include <aperture/store/pg_store.hpp>
#include <aperture/store/sqlite_store.hpp>
#include <aperture/store/store.hpp>

namespace aperture::store {

util::Result<std::unique_ptr<Store>> open_store(std::string_view url) {
  if (url.starts_with("sqlite:")) {
    std::string path(url.substr(7));
    if (path.empty()) {
      return util::make_error(util::ErrorCode::invalid,
                              "sqlite: needs a path (sqlite:PATH or sqlite::memory:)");
    }
    return open_sqlite_store(path);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return open_pg_store(std::string(url));
  }
  return util::make_error(util::ErrorCode::invalid,
                          "unknown database URL (expected sqlite:PATH or postgresql://...): " +
                              std::string(url));
}

util::Result<std::string> default_database_url() {
  std::filesystem::path dir;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
    dir = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    dir = std::filesystem::path(home) / ".local" / "share";
  } else {
    return util::make_error(util::ErrorCode::invalid, "neither XDG_DATA_HOME nor HOME is set: give --db");
  }
  dir /= "aperture";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return util::make_error(util::ErrorCode::io, "cannot create the directory: " + ec.message(),
                            dir.string());
  }
  return "sqlite:" + (dir / "aperture.db").string();
}

std::string utc_now() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec);
}

}  // namespace aperture::store
