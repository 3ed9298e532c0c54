#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <aperture/hub/model_info.hpp>

namespace aperture::hub {
namespace {

using nlohmann::json;

// Deeper values are never read (siblings[i].lfs.size is at depth 4).
constexpr std::size_t k_max_depth = 4;
// Values kept (a file takes at most 8): a bound on memory whatever the input.
constexpr std::size_t k_max_values = 12 * k_max_hub_files;
constexpr std::size_t k_max_tags = 1000;
constexpr std::array<std::string_view, 9> k_read_fields = {
    "id", "author", "sha", "lastModified", "pipeline_tag", "tags", "gated", "siblings", "safetensors"};

util::Unexpected bad(const std::string& what) {
  return util::make_error(util::ErrorCode::parse, "the Hub's model info: " + what);
}

util::Unexpected too_many_files() {
  return util::make_error(util::ErrorCode::too_large,
                          fmt::format("the Hub lists more than {} files", k_max_hub_files));
}

// Builds the JSON tree of the fields read here only: other top-level fields
// and anything deeper than k_max_depth are skipped while parsing, so neither
// costs memory (nlohmann's parser callback would, and is quadratic in long
// lists).
class ReadFieldsTree : public nlohmann::json_sax<json> {
public:
  json root;
  bool too_large = false;

  bool null() override { return add(nullptr); }
  bool boolean(bool b) override { return add(b); }
  bool number_integer(json::number_integer_t n) override { return add(n); }
  bool number_unsigned(json::number_unsigned_t n) override { return add(n); }
  bool number_float(json::number_float_t n, const std::string&) override { return add(n); }
  bool string(std::string& s) override { return add(std::move(s)); }
  bool binary(json::binary_t&) override { return add(nullptr); }
  bool start_object(std::size_t) override { return open(json::object()); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(std::string& key) override {
    if (m_skipped == 0) {
      m_key = std::move(key);
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

private:
  // Whether the value about to be added is one read here.
  [[nodiscard]] bool wanted() const {
    if (m_skipped > 0 || m_open.size() > k_max_depth) {
      return false;
    }
    return m_open.size() != 1 ||
           std::find(k_read_fields.begin(), k_read_fields.end(), m_key) != k_read_fields.end();
  }

  // Adds `value` where the parser is; returns where it went.
  json* place(json value) {
    if (++m_values > k_max_values) {
      too_large = true;
      return nullptr;
    }
    if (m_open.empty()) {
      root = std::move(value);
      return &root;
    }
    json& parent = *m_open.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    json& slot = parent[m_key];
    slot = std::move(value);
    return &slot;
  }

  bool add(json value) { return !wanted() || place(std::move(value)) != nullptr; }

  bool open(json container) {
    if (!wanted()) {
      ++m_skipped;
      return true;
    }
    json* at = place(std::move(container));
    m_open.push_back(at);
    return at != nullptr;
  }

  bool close() {
    if (m_skipped > 0) {
      --m_skipped;
    } else {
      m_open.pop_back();
    }
    return true;
  }

  std::vector<json*> m_open;  // the containers being filled, outermost first
  std::size_t m_skipped = 0;  // how deep the parser is inside a skipped container
  std::size_t m_values = 0;
  std::string m_key;
};

util::Result<std::string> string_field(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return std::string();
  }
  if (!it->is_string()) {
    return bad(fmt::format("`{}` is not a string", key));
  }
  return it->get<std::string>();
}

util::Result<std::uint64_t> count_field(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return std::uint64_t{0};
  }
  if (!it->is_number_unsigned()) {
    return bad(fmt::format("`{}{}` is not a byte or parameter count", where, key));
  }
  return it->get<std::uint64_t>();
}

// A plain relative path: no empty, "." or ".." segment, no leading '/', no
// backslash or control character.
bool is_plain_path(std::string_view path) {
  if (path.empty() || path.size() > k_max_hub_path) {
    return false;
  }
  for (char c : path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') {
      return false;
    }
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = std::min(path.find('/', start), path.size());
    std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") {
      return false;
    }
    start = end + 1;
  }
  return true;
}

util::Result<HubFile> read_file(const json& sibling, std::size_t index) {
  std::string where = fmt::format("siblings[{}].", index);
  if (!sibling.is_object()) {
    return bad(fmt::format("siblings[{}] is not an object", index));
  }
  auto name = sibling.find("rfilename");
  if (name == sibling.end() || !name->is_string() || !is_plain_path(name->get_ref<const std::string&>())) {
    return bad(fmt::format("siblings[{}] has no plain relative `rfilename`", index));
  }
  HubFile f;
  f.path = name->get<std::string>();
  TRY_ASSIGN(size, count_field(sibling, "size", where));
  f.size = size;
  auto lfs = sibling.find("lfs");
  if (lfs != sibling.end() && lfs->is_object()) {
    f.lfs = true;
    TRY_ASSIGN(lfs_size, count_field(*lfs, "size", where + "lfs."));
    TRY_ASSIGN(sha, string_field(*lfs, "sha256"));
    f.size = lfs_size != 0 ? lfs_size : f.size;
    f.lfs_sha256 = sha;
  }
  return f;
}

util::Status read_files(const json& info, ModelInfo& out) {
  auto siblings = info.find("siblings");
  if (siblings == info.end() || siblings->is_null()) {
    return util::Ok{};
  }
  if (!siblings->is_array()) {
    return bad("`siblings` is not a list");
  }
  if (siblings->size() > k_max_hub_files) {
    return too_many_files();
  }
  for (std::size_t i = 0; i < siblings->size(); ++i) {
    TRY_ASSIGN(file, read_file((*siblings)[i], i));
    out.files.push_back(std::move(file));
  }
  return util::Ok{};
}

util::Status read_safetensors(const json& info, ModelInfo& out) {
  auto st = info.find("safetensors");
  if (st == info.end() || st->is_null()) {
    return util::Ok{};
  }
  if (!st->is_object()) {
    return bad("`safetensors` is not an object");
  }
  if (st->contains("total")) {
    TRY_ASSIGN(total, count_field(*st, "total", "safetensors."));
    out.parameter_total = total;
  }
  auto by_dtype = st->find("parameters");
  if (by_dtype != st->end() && by_dtype->is_object()) {
    for (const auto& [dtype, count] : by_dtype->items()) {
      if (!count.is_number_unsigned()) {
        return bad("`safetensors.parameters` holds a value that is not a parameter count");
      }
      out.parameters_by_dtype.emplace_back(dtype, count.get<std::uint64_t>());
    }
  }
  return util::Ok{};
}

util::Status read_tags_and_gate(const json& info, ModelInfo& out) {
  auto tags = info.find("tags");
  if (tags != info.end() && tags->is_array()) {
    for (const auto& t : *tags) {
      if (t.is_string() && out.tags.size() < k_max_tags) {
        out.tags.push_back(t.get<std::string>());
      }
    }
  }
  // `gated` is false, or the kind of gate: "auto" or "manual".
  auto gated = info.find("gated");
  if (gated == info.end() || gated->is_null() || (gated->is_boolean() && !gated->get<bool>())) {
    return util::Ok{};
  }
  if (gated->is_boolean()) {
    out.gated = "true";
  } else if (gated->is_string()) {
    out.gated = gated->get<std::string>().substr(0, 32);
  } else {
    return bad("`gated` is neither false nor a string");
  }
  return util::Ok{};
}

}  // namespace

util::Result<ModelInfo> read_model_info(std::string_view text) {
  ReadFieldsTree tree;
  bool parsed = json::sax_parse(text.begin(), text.end(), &tree);
  if (tree.too_large) {
    return util::make_error(util::ErrorCode::too_large,
                            fmt::format("the Hub's model info holds more than {} values", k_max_values));
  }
  if (!parsed) {
    return bad("not valid JSON");
  }
  const json& info = tree.root;
  if (!info.is_object()) {
    return bad("not a JSON object");
  }
  ModelInfo out;
  TRY_ASSIGN(id, string_field(info, "id"));
  TRY_ASSIGN(author, string_field(info, "author"));
  TRY_ASSIGN(sha, string_field(info, "sha"));
  TRY_ASSIGN(last_modified, string_field(info, "lastModified"));
  TRY_ASSIGN(pipeline_tag, string_field(info, "pipeline_tag"));
  out.id = id;
  out.author = author;
  out.sha = sha;
  out.last_modified = last_modified;
  out.pipeline_tag = pipeline_tag;
  TRY(read_tags_and_gate(info, out));
  TRY(read_files(info, out));
  TRY(read_safetensors(info, out));
  return out;
}

}  // namespace aperture::hub
