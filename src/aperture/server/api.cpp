#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include <aperture/catalog/catalog.hpp>
#include <aperture/formats/manifest.hpp>
#include <aperture/report/compare_report.hpp>
#include <aperture/report/disclaimer.hpp>
#include <aperture/report/identify_report.hpp>
#include <aperture/report/scan_report.hpp>
#include <aperture/scan/scanner.hpp>
#include <aperture/server/api.hpp>
#include <aperture/server/query.hpp>
#include <aperture/server/release_summary.hpp>
#include <aperture/server/static_files.hpp>
#include <aperture/store/token.hpp>
#include <aperture/util/text.hpp>

namespace aperture::server {
namespace {

using util::ErrorCode;
using util::make_error;

constexpr std::string_view k_card_path = "README.md";
constexpr std::string_view k_manifest_path = "submitted.yaml";

std::string json_string(std::string_view text) {
  return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ApiResponse json_ok(int status, std::string body) {
  ApiResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

// A database failure: the details go to the log, not to the client.
ApiResponse storage_error(const util::Error& error) {
  std::fprintf(stderr, "aperture serve: database error: %s\n", error.to_string().c_str());
  return json_error(500, "database error");
}

ApiResponse method_not_allowed(std::string_view allow) {
  ApiResponse r = json_error(405, "method not allowed");
  r.headers.emplace_back("Allow", std::string(allow));
  return r;
}

// The body as text: UTF-8 (or UTF-16 with a BOM) without NUL bytes; binary is refused.
util::Result<std::string> body_text(const std::string& body) {
  if (util::trim(body).empty()) {
    return make_error(ErrorCode::invalid, "the request body is empty");
  }
  return util::decode_text(body, "body");
}

bool is_json(std::string_view content_type) {
  return util::ascii_lower(content_type).starts_with("application/json");
}

bool opens_with_front_matter(std::string_view text) {
  return util::trim(text).starts_with("---");
}

std::string analyze_license(const std::string& text) {
  report::IdentifiedText found = report::identify_with_clauses(text, true);
  nlohmann::ordered_json out{{"kind", "license"}};
  out.update(report::identify_json(found, true));
  out["disclaimer"] = report::k_disclaimer;
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string analyze_card(const std::string& text) {
  release::Release r = scan::scan_model_card_text(text, std::string(k_card_path));
  std::string id = r.name == "README" ? "model-card" : id_from_name(r.name);
  frameworks::Assessment a = frameworks::assess_release(std::move(r));
  store::ReleaseRecord record =
      release_record(a, id.empty() ? "model-card" : id, "submitted", store::utc_now());
  nlohmann::ordered_json scan = nlohmann::ordered_json::parse(record.scan_json);
  return "{\"kind\":\"model-card\",\"licenses\":" +
         scan["licenses"].dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
         ",\"summary\":" + record.summary_json + ",\"assessment\":" + record.scan_json + "}";
}

}  // namespace

util::Result<frameworks::Assessment> current_assessment(const store::StoredRelease& stored) {
  if (stored.source == "catalog") {
    const catalog::CatalogEntry* entry = catalog::find(stored.id);
    if (entry == nullptr) {
      return make_error(ErrorCode::not_found, "no longer in the bundled catalog");
    }
    TRY_ASSIGN(release, catalog::read_entry(*entry));
    return frameworks::assess_release(std::move(release));
  }
  TRY_ASSIGN(submission, assess_submission(stored.input, stored.id));
  return std::move(submission.assessment);
}

ApiResponse json_error(int status, std::string_view message) {
  ApiResponse r;
  r.status = status;
  r.body = "{\"error\":" + json_string(message) + "}";
  return r;
}

util::Result<std::vector<std::string>> path_segments(std::string_view raw_path) {
  if (!raw_path.starts_with('/')) {
    return make_error(ErrorCode::invalid, "the path must start with '/'");
  }
  std::vector<std::string> segments;
  for (std::string_view piece : util::split(raw_path.substr(1), '/')) {
    auto segment = percent_decode(piece, false);
    if (!segment) {
      return make_error(ErrorCode::invalid, "bad %-escape in the path");
    }
    bool control = std::any_of(segment->begin(), segment->end(),
                               [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
    if (*segment == "." || *segment == ".." || segment->find('\\') != std::string::npos || control ||
        !util::is_valid_utf8(*segment)) {
      return make_error(ErrorCode::invalid, "bad path");
    }
    segments.push_back(std::move(*segment));
  }
  return segments;
}

util::Result<Submission> assess_submission(std::string_view text, std::string_view id_override) {
  if (formats::looks_like_manifest(text)) {
    TRY_ASSIGN(manifest, formats::read_manifest(text, k_manifest_path));
    std::string id = id_override.empty() ? manifest.id : std::string(id_override);
    if (!valid_release_id(id)) {
      return make_error(ErrorCode::invalid, "the manifest's id must match [a-z0-9][a-z0-9._-]{0,127}");
    }
    return Submission{id, frameworks::assess_release(std::move(manifest.release))};
  }
  if (!opens_with_front_matter(text)) {
    return make_error(
        ErrorCode::invalid,
        "neither a release manifest (aperture: release/1) nor a model card with YAML front matter");
  }
  release::Release r = scan::scan_model_card_text(text, std::string(k_card_path));
  std::string id = !id_override.empty() ? std::string(id_override)
                   : r.name == "README" ? ""
                                        : id_from_name(r.name);
  if (id.empty()) {
    return make_error(ErrorCode::invalid, "the model card names no model: give ?id=");
  }
  if (!valid_release_id(id)) {
    return make_error(ErrorCode::invalid, "'id' must match [a-z0-9][a-z0-9._-]{0,127}");
  }
  return Submission{id, frameworks::assess_release(std::move(r))};
}

ApiResponse Api::handle(const ApiRequest& request) const {
  auto segments = path_segments(request.path);
  if (!segments) {
    return json_error(400, segments.error().message);
  }
  const std::vector<std::string>& s = *segments;
  bool get = request.method == "GET" || request.method == "HEAD";
  bool post = request.method == "POST";
  if (s.empty() || s[0] != "api") {
    return get ? static_file(s) : method_not_allowed("GET, HEAD");
  }
  if (s.size() == 2 && s[1] == "releases") {
    return get ? list_releases(request) : post ? submit(request) : method_not_allowed("GET, HEAD, POST");
  }
  if (s.size() == 3 && s[1] == "releases") {
    return get ? get_release(s[2]) : method_not_allowed("GET, HEAD");
  }
  if (s.size() == 2 && s[1] == "compare") {
    return get ? compare(request) : method_not_allowed("GET, HEAD");
  }
  if (s.size() == 2 && s[1] == "analyze") {
    return post ? analyze(request) : method_not_allowed("POST");
  }
  return json_error(404, "no such API route");
}

ApiResponse Api::list_releases(const ApiRequest& request) const {
  auto params = parse_query_string(request.query);
  if (!params) {
    return json_error(400, params.error().message);
  }
  auto query = parse_release_query(*params);
  if (!query) {
    return json_error(400, query.error().message);
  }
  auto page = m_store.list_releases(*query);
  if (!page) {
    return storage_error(page.error());
  }
  std::string body = "{\"items\":[";
  for (std::size_t i = 0; i < page->summaries.size(); ++i) {
    body += (i ? "," : "") + page->summaries[i];
  }
  body += "],\"page\":" + std::to_string(query->page) + ",\"per_page\":" + std::to_string(query->per_page) +
          ",\"total\":" + std::to_string(page->total) + "}";
  return json_ok(200, std::move(body));
}

ApiResponse Api::get_release(std::string_view id) const {
  auto found = m_store.get_release(id);
  if (!found) {
    return storage_error(found.error());
  }
  if (!*found) {
    return json_error(404, "no release with id " + json_string(util::clip_utf8(id, 128)));
  }
  const store::StoredRelease& r = **found;
  std::string body = "{\"summary\":" + r.summary_json + ",\"assessment\":" + r.scan_json + ",\"history\":[";
  for (std::size_t i = 0; i < r.history.size(); ++i) {
    body += (i ? "," : "") + std::string("{\"assessed_at\":") + json_string(r.history[i].assessed_at) +
            ",\"summary\":" + r.history[i].summary_json + "}";
  }
  return json_ok(200, body + "]}");
}

ApiResponse Api::compare(const ApiRequest& request) const {
  auto params = parse_query_string(request.query);
  if (!params) {
    return json_error(400, params.error().message);
  }
  auto ids = parse_compare_ids(*params);
  if (!ids) {
    return json_error(400, ids.error().message);
  }
  std::vector<frameworks::Assessment> assessments;
  std::string summaries;
  for (const std::string& id : *ids) {
    auto found = m_store.get_release(id);
    if (!found) {
      return storage_error(found.error());
    }
    if (!*found) {
      return json_error(404, "no release with id " + json_string(util::clip_utf8(id, 128)));
    }
    auto assessment = current_assessment(**found);
    if (!assessment) {
      return json_error(500, "cannot re-assess " + id + ": " + assessment.error().message);
    }
    assessments.push_back(std::move(*assessment));
    summaries += (summaries.empty() ? "" : ",") + (*found)->summary_json;
  }
  return json_ok(200, "{\"releases\":[" + summaries +
                          "],\"comparison\":" + report::compare_json(assessments) + "}");
}

ApiResponse Api::analyze(const ApiRequest& request) const {
  if (request.body.size() > k_max_body_bytes) {
    return json_error(413, "the body is larger than 1 MiB");
  }
  std::string text;
  std::string kind;
  if (is_json(request.content_type)) {
    nlohmann::json j = nlohmann::json::parse(request.body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("text") || !j["text"].is_string()) {
      return json_error(400, "expected a JSON object {\"text\": \"...\"}");
    }
    text = j["text"].get<std::string>();
    if (j.contains("kind")) {
      kind = j["kind"].is_string() ? j["kind"].get<std::string>() : "?";
      if (kind != "license" && kind != "model-card") {
        return json_error(400, "'kind' must be license or model-card");
      }
    }
  } else {
    text = request.body;
  }
  auto decoded = body_text(text);
  if (!decoded) {
    return json_error(400, decoded.error().message);
  }
  if (kind.empty()) {
    kind = opens_with_front_matter(*decoded) ? "model-card" : "license";
  }
  return json_ok(200, kind == "license" ? analyze_license(*decoded) : analyze_card(*decoded));
}

ApiResponse Api::submit(const ApiRequest& request) const {
  if (!authorized(request)) {
    ApiResponse r = json_error(401, "a valid API token is needed: Authorization: Bearer TOKEN");
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  if (request.body.size() > k_max_body_bytes) {
    return json_error(413, "the body is larger than 1 MiB");
  }
  auto params = parse_query_string(request.query);
  if (!params) {
    return json_error(400, params.error().message);
  }
  std::string id_override;
  for (const auto& [name, value] : *params) {
    if (name != "id") {
      return json_error(400, "unknown parameter '" + util::clip_utf8(name, 40) + "'");
    }
    id_override = value;
  }
  auto text = body_text(request.body);
  if (!text) {
    return json_error(400, text.error().message);
  }
  auto submission = assess_submission(*text, id_override);
  if (!submission) {
    return json_error(400, submission.error().to_string());
  }
  return store_submission(*submission, *text);
}

ApiResponse Api::store_submission(const Submission& submission, const std::string& text) const {
  auto source = m_store.source_of(submission.id);
  if (!source) {
    return storage_error(source.error());
  }
  if (*source == std::optional<std::string>("catalog")) {
    return json_error(409,
                      "'" + submission.id + "' is a release of the bundled catalog; submit under another id");
  }
  store::ReleaseRecord record =
      release_record(submission.assessment, submission.id, "submitted", store::utc_now());
  record.input = text;
  auto put = m_store.put_release(record);
  if (!put) {
    return storage_error(put.error());
  }
  if (*put == store::PutOutcome::unchanged) {
    auto stored = m_store.get_release(submission.id);
    if (stored && *stored) {
      return json_ok(201, (*stored)->summary_json);
    }
  }
  return json_ok(201, record.summary_json);
}

bool Api::authorized(const ApiRequest& request) const {
  constexpr std::string_view k_scheme = "bearer ";
  std::string_view header = util::trim(request.authorization);
  if (header.size() <= k_scheme.size() || util::ascii_lower(header.substr(0, k_scheme.size())) != k_scheme) {
    return false;
  }
  std::string_view token = util::trim(header.substr(k_scheme.size()));
  if (token.empty() || token.size() > 256) {
    return false;
  }
  auto known = m_store.has_token(store::sha256_hex(token));
  if (!known) {
    std::fprintf(stderr, "aperture serve: database error: %s\n", known.error().to_string().c_str());
    return false;
  }
  return *known;
}

}  // namespace aperture::server
