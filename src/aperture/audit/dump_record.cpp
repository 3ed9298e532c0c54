#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include <aperture/audit/dump_record.hpp>
#include <aperture/util/text.hpp>

namespace aperture::audit {
namespace {

using nlohmann::json;

// A dataset name kept once, within the record's limits.
void add_dataset(std::vector<std::string>& datasets, std::string_view name) {
  name = util::trim(name);
  if (name.empty() || name.size() > k_max_record_string || datasets.size() >= k_max_record_bases ||
      std::find(datasets.begin(), datasets.end(), name) != datasets.end()) {
    return;
  }
  datasets.emplace_back(name);
}

constexpr std::array<std::string_view, 4> k_relations = {"finetune", "adapter", "merge", "quantized"};

constexpr std::array<std::string_view, 12> k_weight_extensions = {
    ".safetensors", ".bin",  ".gguf", ".ggml",    ".pt",     ".pth",
    ".ckpt",        ".onnx", ".h5",   ".msgpack", ".tflite", ".nemo"};

// Marks in a model's name that say its weights are a quantisation.
constexpr std::array<std::string_view, 9> k_quantised_marks = {"gguf", "awq",  "gptq", "exl2", "4bit",
                                                               "8bit", "int4", "int8", "mlx"};

// Where the parser is: the containers the audit reads, by depth.
enum class Ctx : std::uint8_t {
  root,
  tags,
  card,
  card_license,
  card_base,
  card_datasets,
  card_tags,
  siblings,
  sibling,
  ignore
};

bool is_claim_tag(std::string_view tag) {
  std::string t = util::ascii_lower(tag);
  return t == "open-source" || t == "opensource" || t == "open source";
}

std::string_view base_name(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Reads only the fields the audit needs, as nlohmann's parser meets them:
// nothing is built for other fields, and `siblings` leaves three facts.
class RecordReader : public nlohmann::json_sax<json> {
public:
  DumpRecord record;
  std::vector<std::string> tag_bases;  // from `base_model:` tags, used when the card names none
  std::vector<std::string> tag_datasets;  // from `dataset:` tags, used when the card names none
  Relation tag_relation = Relation::none;
  std::string tag_license;
  bool has_id = false;
  bool not_object = false;
  std::string error;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(json::number_integer_t) override { return scalar_at_root(); }
  bool number_unsigned(json::number_unsigned_t) override { return scalar_at_root(); }
  bool number_float(json::number_float_t, const std::string&) override { return scalar_at_root(); }
  bool binary(json::binary_t&) override { return true; }
  bool string(std::string& s) override;
  bool start_object(std::size_t) override { return open(true); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(std::string& key) override {
    if (m_depth <= m_keys.size()) {
      m_keys[m_depth - 1] = key;
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    error = e.what();
    return false;
  }

private:
  [[nodiscard]] Ctx ctx() const {
    return m_depth == 0 || m_depth > m_ctx.size() ? Ctx::ignore : m_ctx[m_depth - 1];
  }
  [[nodiscard]] std::string_view current_key() const {
    return m_depth == 0 || m_depth > m_keys.size() ? std::string_view()
                                                   : std::string_view(m_keys[m_depth - 1]);
  }

  bool scalar_at_root() {
    not_object = not_object || m_depth == 0;
    return true;
  }

  Ctx child_context(bool object) const;
  bool open(bool object);
  bool close() {
    --m_depth;
    return true;
  }
  void tag(std::string_view tag);
  void card_string(std::string& s);
  void sibling(std::string_view path);

  std::size_t m_depth = 0;
  std::array<Ctx, 3> m_ctx{};
  std::array<std::string, 3> m_keys{};
};

Ctx RecordReader::child_context(bool object) const {
  if (m_depth == 0) {
    return Ctx::root;
  }
  std::string_view key = current_key();
  switch (ctx()) {
  case Ctx::root:
    if (key == "tags" && !object) {
      return Ctx::tags;
    }
    if (key == "cardData" && object) {
      return Ctx::card;
    }
    return key == "siblings" && !object ? Ctx::siblings : Ctx::ignore;
  case Ctx::card:
    if (object) {
      return Ctx::ignore;
    }
    if (key == "license") {
      return Ctx::card_license;
    }
    if (key == "base_model") {
      return Ctx::card_base;
    }
    if (key == "datasets") {
      return Ctx::card_datasets;
    }
    return key == "tags" ? Ctx::card_tags : Ctx::ignore;
  case Ctx::siblings:
    return object ? Ctx::sibling : Ctx::ignore;
  default:
    return Ctx::ignore;
  }
}

bool RecordReader::open(bool object) {
  if (m_depth == 0 && !object) {
    not_object = true;
  }
  Ctx next = child_context(object);
  ++m_depth;
  if (m_depth <= m_ctx.size()) {
    m_ctx[m_depth - 1] = next;
    m_keys[m_depth - 1].clear();
  }
  return true;
}

bool RecordReader::string(std::string& s) {
  if (m_depth == 0) {
    not_object = true;
    return true;
  }
  switch (ctx()) {
  case Ctx::root:
    if (current_key() == "id" || (current_key() == "modelId" && !has_id)) {
      record.id = std::move(s);
      has_id = true;
    }
    break;
  case Ctx::tags:
    tag(s);
    break;
  case Ctx::card:
    card_string(s);
    break;
  case Ctx::card_license:
    if (record.license.empty() && s.size() <= k_max_record_string) {
      record.license = std::move(s);
    }
    break;
  case Ctx::card_base:
    if (record.base_models.size() < k_max_record_bases && s.size() <= k_max_record_string) {
      record.base_models.push_back(std::move(s));
    }
    break;
  case Ctx::card_datasets:
    add_dataset(record.datasets, s);
    break;
  case Ctx::card_tags:
    record.claims_open_source = record.claims_open_source || is_claim_tag(s);
    break;
  case Ctx::sibling:
    if (current_key() == "rfilename") {
      sibling(s);
    }
    break;
  default:
    break;
  }
  return true;
}

void RecordReader::card_string(std::string& s) {
  std::string_view key = current_key();
  if (s.size() > k_max_record_string) {
    return;
  }
  if (key == "license") {
    record.license = std::move(s);
  } else if (key == "license_name") {
    record.license_name = std::move(s);
  } else if (key == "base_model") {
    record.base_models.assign(1, std::move(s));
  } else if (key == "base_model_relation") {
    record.relation = relation_from_string(s);
  } else if (key == "datasets") {
    record.datasets.clear();
    add_dataset(record.datasets, s);
  }
}

// The Hub's tags: `license:ID`, `base_model:ORG/NAME` and
// `base_model:KIND:ORG/NAME` (KIND one of k_relations), user tags.
void RecordReader::tag(std::string_view tag) {
  if (tag.size() > k_max_record_string) {
    return;
  }
  if (tag.starts_with("license:")) {
    if (tag_license.empty()) {
      tag_license = std::string(tag.substr(8));
    }
    return;
  }
  if (tag.starts_with("dataset:")) {
    add_dataset(tag_datasets, tag.substr(8));
    return;
  }
  if (!tag.starts_with("base_model:")) {
    record.claims_open_source = record.claims_open_source || is_claim_tag(tag);
    return;
  }
  std::string_view rest = tag.substr(11);
  std::size_t colon = rest.find(':');
  if (colon != std::string_view::npos) {
    Relation kind = relation_from_string(rest.substr(0, colon));
    if (kind == Relation::none) {
      return;
    }
    tag_relation = tag_relation == Relation::none ? kind : tag_relation;
    rest = rest.substr(colon + 1);
  }
  if (!rest.empty() && tag_bases.size() < k_max_record_bases &&
      std::find(tag_bases.begin(), tag_bases.end(), rest) == tag_bases.end()) {
    tag_bases.emplace_back(rest);
  }
}

void RecordReader::sibling(std::string_view path) {
  ++record.file_count;
  std::string name = util::ascii_lower(base_name(path));
  for (std::string_view ext : k_weight_extensions) {
    record.has_weights = record.has_weights || name.ends_with(ext);
  }
  record.has_license_file = record.has_license_file || name.starts_with("license") ||
                            name.starts_with("licence") || name.starts_with("copying");
  record.has_adapter_config = record.has_adapter_config || name == "adapter_config.json";
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
// A line is one line: "at line 1, column 24" says only the column.
std::string short_message(const std::string& what) {
  std::size_t close = what.find("] ");
  std::string out = close == std::string::npos ? what : what.substr(close + 2);
  std::size_t at = out.find("at line 1, column ");
  if (at != std::string::npos) {
    out.replace(at, 18, "at column ");
  }
  return out;
}

util::Unexpected bad(std::string message) {
  return util::make_error(util::ErrorCode::parse, std::move(message));
}

}  // namespace

std::string_view to_string(Relation relation) {
  return relation == Relation::none ? "" : k_relations[static_cast<std::size_t>(relation) - 1];
}

Relation relation_from_string(std::string_view s) {
  std::string lower = util::ascii_lower(util::trim(s));
  for (std::size_t i = 0; i < k_relations.size(); ++i) {
    if (lower == k_relations[i]) {
      return static_cast<Relation>(i + 1);
    }
  }
  return Relation::none;
}

util::Result<DumpRecord> parse_record(std::string_view line) {
  RecordReader reader;
  bool ok = json::sax_parse(line.data(), line.data() + line.size(), &reader);
  if (!ok) {
    return bad("malformed JSON: " + short_message(reader.error));
  }
  if (reader.not_object) {
    return bad("not a JSON object");
  }
  if (!reader.has_id || reader.record.id.empty()) {
    return bad("no string \"id\"");
  }
  if (reader.record.id.size() > k_max_record_string) {
    return bad("\"id\" is longer than 4096 bytes");
  }
  DumpRecord record = std::move(reader.record);
  // The card says it first; the tags the Hub derives from it fill the gaps.
  if (record.license.empty()) {
    record.license = std::move(reader.tag_license);
  }
  if (record.base_models.empty()) {
    record.base_models = std::move(reader.tag_bases);
  }
  if (record.relation == Relation::none) {
    record.relation = reader.tag_relation;
  }
  if (record.datasets.empty()) {
    record.datasets = std::move(reader.tag_datasets);
  }
  return record;
}

Relation infer_relation(const DumpRecord& record) {
  if (record.base_models.empty()) {
    return Relation::none;
  }
  if (record.base_models.size() > 1) {
    return Relation::merge;
  }
  if (record.has_adapter_config) {
    return Relation::adapter;
  }
  std::string name = util::ascii_lower(base_name(record.id));
  for (std::string_view mark : k_quantised_marks) {
    if (name.find(mark) != std::string::npos) {
      return Relation::quantized;
    }
  }
  return Relation::finetune;
}

}  // namespace aperture::audit
