// Fuzzes the API's request parsing (src/aperture/server/query.cpp and the path
// splitting of api.cpp): the first line of the input is a path, the rest a
// query string. Any bytes must parse or fail with a one-line message; what
// parses must hold only UTF-8 text without control characters, and a parsed
// release query must stay within its limits.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <aperture/server/api.hpp>
#include <aperture/server/query.hpp>
#include <aperture/util/text.hpp>

namespace {

void check_message(const std::string& message) {
  if (message.empty() || message.find('\n') != std::string::npos) {
    std::abort();
  }
}

bool clean(const std::string& s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return false;
    }
  }
  return aperture::util::is_valid_utf8(s);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t newline = input.find('\n');
  std::string_view path = input.substr(0, newline);
  std::string_view query = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

  auto segments = aperture::server::path_segments(path);
  if (!segments) {
    check_message(segments.error().message);
  } else {
    for (const std::string& s : *segments) {
      if (s == "." || s == ".." || s.find('\\') != std::string::npos || !clean(s)) {
        std::abort();
      }
    }
  }

  auto params = aperture::server::parse_query_string(query);
  if (!params) {
    check_message(params.error().message);
    return 0;
  }
  for (const auto& [name, value] : *params) {
    if (!clean(name) || !clean(value)) {
      std::abort();
    }
  }
  auto release_query = aperture::server::parse_release_query(*params);
  if (!release_query) {
    check_message(release_query.error().message);
  } else if (release_query->page < 1 || release_query->page > aperture::server::k_max_page ||
             release_query->per_page < 1 || release_query->per_page > aperture::server::k_max_per_page) {
    std::abort();
  }
  auto ids = aperture::server::parse_compare_ids(*params);
  if (!ids) {
    check_message(ids.error().message);
  } else if (ids->size() < 2 || ids->size() > aperture::server::k_max_compare) {
    std::abort();
  }
  return 0;
}
