// The web page (web/, embedded by cmake/Web.cmake) as API responses. A path is
// looked up in the embedded table only, never on the filesystem, so no path can
// reach a file outside it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <aperture/server/api.hpp>

namespace aperture::server {

// The file for the decoded path `segments` ({} is "/", which is index.html).
// A path whose last segment has a file type of content_type_for (.js, .css, …)
// and is not embedded is 404; any other path is a route of the page's own (/release/ID, /compare) and gets
// index.html. 404 when nothing is embedded.
ApiResponse static_file(const std::vector<std::string>& segments);

// The Content-Type for a file name by its extension; application/octet-stream when unknown.
std::string_view content_type_for(std::string_view path);

}  // namespace aperture::server
