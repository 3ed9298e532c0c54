#include <algorithm>
#include <array>
#include <utility>

#include <aperture/server/static_files.hpp>
#include <aperture/server/web_bundle.hpp>

namespace aperture::server {
namespace {

constexpr std::string_view k_unknown_type = "application/octet-stream";

const BundleFile* find_file(std::string_view path) {
  const std::vector<BundleFile>& files = web_bundle();
  auto it = std::lower_bound(files.begin(), files.end(), path,
                             [](const BundleFile& f, std::string_view p) { return f.path < p; });
  return it != files.end() && it->path == path ? &*it : nullptr;
}

ApiResponse file_response(const BundleFile& file) {
  ApiResponse r;
  r.content_type = std::string(content_type_for(file.path));
  r.body = std::string(file.bytes);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

}  // namespace

std::string_view content_type_for(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> k_types = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
      {".woff2", "font/woff2"},
      {".webp", "image/webp"},
      {".map", "application/json; charset=utf-8"},
  }};
  for (const auto& [extension, type] : k_types) {
    if (path.ends_with(extension)) {
      return type;
    }
  }
  return k_unknown_type;
}

ApiResponse static_file(const std::vector<std::string>& segments) {
  std::string path;
  for (const std::string& s : segments) {
    path += "/" + s;
  }
  if (path.empty() || path == "/") {
    path = "/index.html";
  }
  if (const BundleFile* file = find_file(path)) {
    return file_response(*file);
  }
  // A name with a file type the page could ask for is a missing asset; anything
  // else ("/release/llama-3.1-8b") is a route of the page's own.
  bool asset = !segments.empty() && content_type_for(segments.back()) != k_unknown_type;
  const BundleFile* index = find_file("/index.html");
  if (asset || index == nullptr) {
    return json_error(404, "not found");
  }
  return file_response(*index);
}

}  // namespace aperture::server
