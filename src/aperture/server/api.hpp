// The HTTP API as plain functions (docs/openapi.yaml): a request struct in, a
// response struct out, so every route is testable without sockets. server.cpp
// only moves bytes between cpp-httplib and here. Handlers are thin: releases
// are assessed by the scanner and frameworks, stored by the Store, rendered by
// the report views.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <aperture/frameworks/assessment.hpp>
#include <aperture/store/store.hpp>
#include <aperture/util/result.hpp>

namespace aperture::server {

inline constexpr std::size_t k_max_body_bytes = 1 << 20;  // POST bodies: larger is 413
inline constexpr std::string_view k_json_type = "application/json; charset=utf-8";

struct ApiRequest {
  std::string method;  // "GET", "POST", …
  std::string path;    // as sent, still %-encoded, without the query: "/api/releases/llama-3.1-8b"
  std::string query;   // as sent, without '?': "license=MIT&page=2"
  std::string body;
  std::string content_type;   // the Content-Type header, "" when absent
  std::string authorization;  // the Authorization header, "" when absent
};

struct ApiResponse {
  int status = 200;
  std::string content_type = std::string(k_json_type);
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Allow, WWW-Authenticate)
};

// {"error": message} with `status`.
ApiResponse json_error(int status, std::string_view message);

// The Assessment of a submitted text: a release manifest (docs/manifest.md) or a
// model card; `id` is the manifest's id, or the card's model name as an id
// (`id_override` when given). Fails with the parser's one line.
struct Submission {
  std::string id;
  frameworks::Assessment assessment;
};
util::Result<Submission> assess_submission(std::string_view text, std::string_view id_override);

// The Assessment a stored release has today: the catalog entry or the
// submitted text assessed again (the knowledge base may have changed).
util::Result<frameworks::Assessment> current_assessment(const store::StoredRelease& stored);

class Api {
public:
  explicit Api(store::Store& store) : m_store(store) {}

  // Routes `request` and answers it. Never throws for bad input: bad requests
  // are 4xx, a database failure is 500 with a generic message (logged to stderr).
  ApiResponse handle(const ApiRequest& request) const;

private:
  ApiResponse list_releases(const ApiRequest& request) const;
  ApiResponse get_release(std::string_view id) const;
  ApiResponse compare(const ApiRequest& request) const;
  ApiResponse analyze(const ApiRequest& request) const;
  ApiResponse submit(const ApiRequest& request) const;
  bool authorized(const ApiRequest& request) const;
  ApiResponse store_submission(const Submission& submission, const std::string& text) const;

  store::Store& m_store;
};

// The path's segments, each %-decoded: "/api/releases/a%2Fb" → {"api", "releases", "a/b"}.
// Fails on a bad escape, a "." or ".." segment, a backslash or a control character,
// so no path can climb out of where it is looked up.
util::Result<std::vector<std::string>> path_segments(std::string_view raw_path);

}  // namespace aperture::server
