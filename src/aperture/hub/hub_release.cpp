#include <algorithm>
#include <cstdint>
#include <map>

#include <fmt/format.h>

#include <aperture/formats/weights.hpp>
#include <aperture/frameworks/osai_index.hpp>
#include <aperture/hub/hub_release.hpp>
#include <aperture/hub/model_info.hpp>
#include <aperture/scan/weight_files.hpp>
#include <aperture/scan/inventory.hpp>
#include <aperture/scan/scanner.hpp>

namespace aperture::hub {
namespace {

using release::Evidence;
using release::Release;
using release::Severity;
using scan::FileRole;
using scan::InventoryEntry;

// Public pages name the Hub itself, whatever HF_ENDPOINT serves the API.
constexpr std::string_view k_hub_site = "https://huggingface.co";
constexpr std::size_t k_max_name_part = 96;
constexpr std::size_t k_max_revision = 256;

bool is_alnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// [A-Za-z0-9][A-Za-z0-9._-]*, plus '/' when `slash` is allowed.
bool is_name(std::string_view s, std::size_t max, bool slash) {
  if (s.empty() || s.size() > max || !is_alnum(s.front())) {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return is_alnum(c) || c == '.' || c == '_' || c == '-' || (slash && c == '/');
  });
}

bool is_revision(std::string_view s) {
  return is_name(s, k_max_revision, true) && s.find("..") == std::string_view::npos &&
         s.find("//") == std::string_view::npos && !s.ends_with('/');
}

// Percent-encodes all but unreserved characters (and '/' when `keep_slash`).
std::string url_encode(std::string_view s, bool keep_slash) {
  std::string out;
  for (char c : s) {
    if (is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || (keep_slash && c == '/')) {
      out.push_back(c);
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

std::string info_url(const HubOptions& options, const HubRef& ref) {
  std::string revision = ref.revision.empty() ? "" : "/revision/" + url_encode(ref.revision, false);
  return options.endpoint + "/api/models/" + ref.id + revision + "?blobs=true";
}

std::string file_url(const HubOptions& options, const HubRef& ref, const std::string& path) {
  std::string revision = ref.revision.empty() ? "main" : url_encode(ref.revision, false);
  return options.endpoint + "/" + ref.id + "/resolve/" + revision + "/" + url_encode(path, true);
}

std::string page_url(const HubRef& ref) {
  return std::string(k_hub_site) + "/" + ref.id;
}

Evidence evidence(std::string file, std::string url, std::string quote) {
  Evidence e;
  e.file = std::move(file);
  e.url = std::move(url);
  e.quote = std::move(quote);
  return e;
}

std::string shown(const HubRef& ref) {
  return "hf:" + ref.id + (ref.revision.empty() ? "" : "@" + ref.revision);
}

// `s` with control characters as spaces, for an error naming hostile input.
std::string printable(std::string_view s) {
  std::string out(s);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }, ' ');
  return out;
}

// A listed weights file's kind by its name, in the words the scanner uses
// for a file it reads (a Hub file's header is never fetched).
std::string weights_kind(std::string_view path) {
  return scan::weight_kind_id(formats::classify_weight_file(path, {}));
}

// The files of a Hub repository as the scanner sees them: the texts fetched,
// and for every other file its name and size only.
class HubFiles : public scan::FileSource {
public:
  void add(const std::string& path, util::Result<std::string> text) {
    m_texts.emplace(path, std::move(text));
  }

  util::Result<std::string> read(const InventoryEntry& entry, std::uint64_t max_bytes) const override {
    auto it = m_texts.find(entry.path);
    if (it == m_texts.end()) {
      return not_fetched(entry);
    }
    if (it->second && it->second->size() > max_bytes) {
      return util::make_error(util::ErrorCode::too_large, fmt::format("larger than {} bytes", max_bytes),
                              entry.path);
    }
    return it->second;
  }

  util::Result<std::string> read_head(const InventoryEntry& entry, std::uint64_t max_bytes) const override {
    TRY_ASSIGN(text, read(entry, SIZE_MAX));
    return text.substr(0, max_bytes);
  }

  void read_weights(const InventoryEntry& entry, release::FileEntry& file, Release&) const override {
    file.kind = weights_kind(entry.path);
  }

private:
  static util::Unexpected not_fetched(const InventoryEntry& entry) {
    return util::make_error(util::ErrorCode::io, "not fetched from the Hub", entry.path);
  }

  std::map<std::string, util::Result<std::string>> m_texts;
};

// The texts the scanner reads: the card, the license files and the first
// config.json (the one the scanner takes the architecture from).
std::vector<const InventoryEntry*> texts_to_fetch(const std::vector<InventoryEntry>& entries) {
  std::vector<const InventoryEntry*> out;
  bool config = false;
  for (const InventoryEntry& e : entries) {
    bool is_config = e.path == "config.json" || e.path.ends_with("/config.json");
    if (e.role == FileRole::license || e.role == FileRole::model_card || (is_config && !config)) {
      out.push_back(&e);
      config = config || is_config;
    }
  }
  return out;
}

HubFiles
fetch_texts(const HubRef& ref, const std::vector<InventoryEntry>& entries, const HubOptions& options) {
  HubFiles files;
  std::size_t fetched = 0;
  for (const InventoryEntry* e : texts_to_fetch(entries)) {
    if (fetched++ >= k_max_hub_texts) {
      files.add(e->path,
                util::make_error(
                    util::ErrorCode::too_large,
                    fmt::format("not fetched: a scan reads at most {} texts from the Hub", k_max_hub_texts),
                    e->path));
      continue;
    }
    std::string url = file_url(options, ref, e->path);
    auto text = fetch(url, k_max_hub_text_bytes, options);
    if (!text) {
      // The evidence names the file as on the Hub; the message, the URL.
      text =
          util::make_error(text.error().code, "cannot fetch " + url + ": " + text.error().message, e->path);
    }
    files.add(e->path, std::move(text));
  }
  return files;
}

std::vector<InventoryEntry> inventory_of(const ModelInfo& info) {
  std::vector<InventoryEntry> out;
  out.reserve(info.files.size());
  for (const HubFile& f : info.files) {
    out.push_back(scan::classify_path(f.path, f.size));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

util::Result<ModelInfo> fetch_model_info(const HubRef& ref, const HubOptions& options) {
  std::string url = info_url(options, ref);
  auto body = fetch(url, k_max_info_bytes, options);
  if (!body && body.error().code == util::ErrorCode::not_found) {
    std::string what =
        ref.revision.empty() ? "no such model on the Hub" : "no such model or revision on the Hub";
    return util::make_error(util::ErrorCode::not_found, fmt::format("{} (HTTP 404 from {})", what, url),
                            shown(ref));
  }
  TRY_ASSIGN(json, body);
  return util::with_path(read_model_info(json), url);
}

Release start_release(const HubRef& ref, const ModelInfo& info) {
  Release r;
  r.target = shown(ref);
  r.input_kind = "hub";
  r.name = ref.id;
  r.publisher = info.author.empty() ? ref.id.substr(0, ref.id.find('/')) : info.author;
  r.version = info.sha;
  r.url = page_url(ref);
  return r;
}

void add_weights_facts(Release& r, const HubRef& ref, const ModelInfo& info) {
  if (info.parameter_total && *info.parameter_total > 0 && !r.parameter_count) {
    r.parameter_count = *info.parameter_total;
    r.parameter_evidence =
        evidence({}, page_url(ref), fmt::format("safetensors.total = {}", *info.parameter_total));
  }
  std::vector<Evidence> listed;
  std::uint64_t bytes = 0;
  std::size_t count = 0;
  for (const auto& f : r.files) {
    if (scan::classify_path(f.path, f.size).role == FileRole::weights) {
      bytes += f.size;
      if (count++ < 8) {
        listed.push_back(evidence(f.path, {}, f.kind));
      }
    }
  }
  if (count > 0) {
    r.findings.push_back(
        {"weights-not-downloaded", Severity::info,
         fmt::format("{} weights file{} of {} bytes in all listed on the Hub: Aperture never "
                     "downloads weights, so names and sizes come from the Hub's listing",
                     count, count == 1 ? "" : "s", bytes),
         std::move(listed)});
  }
}

// A gated model's files need an accepted agreement: the weights are there,
// behind a gate (the OSAI index's qualifier).
void add_gate(Release& r, const HubRef& ref, const ModelInfo& info) {
  if (info.gated.empty()) {
    return;
  }
  r.findings.push_back(
      {frameworks::qualifier_rule(frameworks::Qualifier::gated,
                                  release::to_string(release::ComponentKind::model_parameters_final)),
       Severity::info,
       "the Hub gates this model's files: users must accept its terms and be granted access first",
       {evidence({}, page_url(ref), "gated: " + info.gated)}});
}

}  // namespace

util::Result<HubRef> parse_hub_ref(std::string_view target) {
  std::string_view id = target.starts_with("hf:") ? target.substr(3) : target;
  HubRef ref;
  std::size_t at = id.find('@');
  if (at != std::string_view::npos) {
    ref.revision = std::string(id.substr(at + 1));
    id = id.substr(0, at);
  }
  std::size_t slash = id.find('/');
  bool ok = slash != std::string_view::npos && is_name(id.substr(0, slash), k_max_name_part, false) &&
            is_name(id.substr(slash + 1), k_max_name_part, false) &&
            (at == std::string_view::npos || is_revision(ref.revision));
  if (!ok) {
    return util::make_error(
        util::ErrorCode::invalid,
        "not a Hub model id: expected hf:OWNER/NAME or hf:OWNER/NAME@REVISION (letters, digits, "
        "'.', '_', '-')",
        printable(target));
  }
  ref.id = std::string(id);
  return ref;
}

util::Result<Release> scan_hub(std::string_view target, const HubOptions& options) {
  TRY_ASSIGN(ref, parse_hub_ref(target));
  TRY_ASSIGN(info, fetch_model_info(ref, options));
  std::vector<InventoryEntry> entries = inventory_of(info);
  HubFiles files = fetch_texts(ref, entries, options);
  Release r = start_release(ref, info);
  scan::scan_files(entries, files, r);
  add_weights_facts(r, ref, info);
  add_gate(r, ref, info);
  return r;
}

util::Result<Release> scan_hub(std::string_view target) {
  TRY_ASSIGN(options, hub_options_from_environment());
  return scan_hub(target, options);
}

}  // namespace aperture::hub
