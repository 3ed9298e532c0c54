// JSON as every command prints it: indented, and never failing on bytes that
// are not UTF-8 (a file name, a quoted header): they become U+FFFD.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace aperture::report {

inline std::string json_text(const nlohmann::ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace aperture::report
