// The files of web/ embedded in the binary at build time (cmake/Web.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace aperture::server {

struct BundleFile {
  std::string_view path;   // "/index.html", "/app.js": web/'s relative path with a leading '/'
  std::string_view bytes;  // the file's contents, in the binary
};

// Every embedded file, sorted by path; empty when web/ held nothing.
const std::vector<BundleFile>& web_bundle();

}  // namespace aperture::server
