#include <cstdlib>
#include <memory>
#include <mutex>

#include <curl/curl.h>
#include <fmt/format.h>

#include <aperture/hub/hub_client.hpp>

namespace aperture::hub {
namespace {

#ifdef APERTURE_VERSION
constexpr const char* k_user_agent = "aperture/" APERTURE_VERSION;
#else
constexpr const char* k_user_agent = "aperture";
#endif

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using HeaderList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

// The body read so far; the transfer stops once it would exceed `max_bytes`.
struct Body {
  std::string data;
  std::size_t max_bytes = 0;
  bool too_large = false;
};

std::size_t on_data(char* bytes, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<Body*>(user);
  std::size_t n = size * count;
  if (n > body->max_bytes - body->data.size()) {
    body->too_large = true;
    return 0;  // stops the transfer with CURLE_WRITE_ERROR
  }
  body->data.append(bytes, n);
  return n;
}

bool has_control_or_space(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return true;
    }
  }
  return false;
}

// "https://huggingface.co" of "https://huggingface.co/api/models/x".
std::string origin_of(const std::string& url) {
  std::size_t scheme = url.find("://");
  std::size_t slash = scheme == std::string::npos ? std::string::npos : url.find('/', scheme + 3);
  return slash == std::string::npos ? url : url.substr(0, slash);
}

util::Unexpected http_error(long status, const std::string& url) {
  using util::ErrorCode;
  if (status == 401 || status == 403) {
    return util::make_error(
        ErrorCode::invalid,
        fmt::format("HTTP {}: the model is gated or private: accept its terms on its Hub page, "
                    "then set HF_TOKEN to an access token of that account",
                    status),
        url);
  }
  if (status == 404) {
    return util::make_error(ErrorCode::not_found, "HTTP 404: not found", url);
  }
  if (status >= 500) {
    return util::make_error(ErrorCode::io,
                            fmt::format("HTTP {}: the Hub failed to answer; try again later", status), url);
  }
  return util::make_error(ErrorCode::io, fmt::format("HTTP {}", status), url);
}

util::Unexpected transfer_error(
    CURLcode code, const char* detail, const Body& body, const std::string& url, const HubOptions& options) {
  using util::ErrorCode;
  std::string why = detail[0] != '\0' ? detail : curl_easy_strerror(code);
  switch (code) {
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_RESOLVE_PROXY:
  case CURLE_COULDNT_CONNECT:
    return util::make_error(ErrorCode::io, fmt::format("cannot reach {}: offline? ({})", origin_of(url), why),
                            url);
  case CURLE_OPERATION_TIMEDOUT:
    return util::make_error(
        ErrorCode::io,
        fmt::format("no complete answer within {} s ({})", options.timeout.count() / 1000, why), url);
  case CURLE_FILESIZE_EXCEEDED:
  case CURLE_WRITE_ERROR:
    if (code == CURLE_FILESIZE_EXCEEDED || body.too_large) {
      return util::make_error(ErrorCode::too_large,
                              fmt::format("the answer is larger than {} bytes: not read", body.max_bytes),
                              url);
    }
    break;
  case CURLE_TOO_MANY_REDIRECTS:
    return util::make_error(ErrorCode::io, fmt::format("more than {} redirects", k_max_redirects), url);
  case CURLE_UNSUPPORTED_PROTOCOL:
    return util::make_error(ErrorCode::invalid, "only http:// and https:// URLs are fetched (" + why + ")",
                            url);
  default:
    break;
  }
  return util::make_error(ErrorCode::io, "cannot fetch: " + why, url);
}

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void set_options(
    CURL* curl, const std::string& url, const HubOptions& options, Body& body, char* error_buffer) {
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, k_user_agent);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  // Bounded in time, redirects, protocols and size.
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, k_max_redirects);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(body.max_bytes));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
}

}  // namespace

util::Result<HubOptions> hub_options_from_environment() {
  HubOptions options;
  if (const char* endpoint = std::getenv("HF_ENDPOINT"); endpoint != nullptr && endpoint[0] != '\0') {
    std::string e = endpoint;
    if (!(e.starts_with("http://") || e.starts_with("https://")) || has_control_or_space(e)) {
      return util::make_error(util::ErrorCode::invalid,
                              "HF_ENDPOINT is not an http:// or https:// URL: " + e);
    }
    while (e.ends_with('/')) {
      e.pop_back();
    }
    options.endpoint = e;
  }
  if (const char* token = std::getenv("HF_TOKEN"); token != nullptr && token[0] != '\0') {
    if (has_control_or_space(token)) {
      return util::make_error(util::ErrorCode::invalid, "HF_TOKEN holds spaces or control characters");
    }
    options.token = token;
  }
  return options;
}

util::Result<std::string> fetch(const std::string& url, std::size_t max_bytes, const HubOptions& options) {
  init_curl_once();
  CurlHandle curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    return util::make_error(util::ErrorCode::io, "cannot start libcurl", url);
  }
  Body body;
  body.max_bytes = max_bytes;
  char error_buffer[CURL_ERROR_SIZE] = {};
  set_options(curl.get(), url, options, body, error_buffer);
  HeaderList headers(nullptr, curl_slist_free_all);
  if (!options.token.empty()) {
    // libcurl drops this header when a redirect leads to another host.
    std::string auth = "Authorization: Bearer " + options.token;
    headers.reset(curl_slist_append(nullptr, auth.c_str()));
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
  }
  CURLcode code = curl_easy_perform(curl.get());
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  // An error status says more than the transfer of its body (cut at `max_bytes`).
  if (status >= 400) {
    return http_error(status, url);
  }
  if (code != CURLE_OK) {
    return transfer_error(code, error_buffer, body, url, options);
  }
  if (status < 200 || status >= 300) {
    return http_error(status, url);
  }
  return std::move(body.data);
}

}  // namespace aperture::hub
