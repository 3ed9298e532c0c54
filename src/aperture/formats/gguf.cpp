#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>

#include <aperture/formats/byte_reader.hpp>
#include <aperture/formats/gguf.hpp>
#include <aperture/util/file.hpp>
#include <aperture/util/text.hpp>

namespace aperture::formats {

namespace {

// GGUF value types (gguf.md, "gguf_metadata_value_type").
enum class ValueType : std::uint32_t {
  u8 = 0,
  i8 = 1,
  u16 = 2,
  i16 = 3,
  u32 = 4,
  i32 = 5,
  f32 = 6,
  boolean = 7,
  string = 8,
  array = 9,
  u64 = 10,
  i64 = 11,
  f64 = 12,
};
constexpr std::uint32_t k_value_type_count = 13;

// Bytes of one value of `type`; for strings and arrays, the fewest bytes one
// can take (its length or its element type and count).
std::uint64_t min_value_size(ValueType type) {
  switch (type) {
  case ValueType::u8:
  case ValueType::i8:
  case ValueType::boolean:
    return 1;
  case ValueType::u16:
  case ValueType::i16:
    return 2;
  case ValueType::u32:
  case ValueType::i32:
  case ValueType::f32:
    return 4;
  case ValueType::u64:
  case ValueType::i64:
  case ValueType::f64:
  case ValueType::string:
    return 8;
  case ValueType::array:
    return 12;
  }
  return 1;
}

// A ggml tensor type: its name, and how many elements (block) take how many
// bytes. Removed types keep their names but no size (0).
struct GgmlType {
  std::string_view name;
  std::uint32_t block = 0;
  std::uint32_t bytes = 0;
};

// Indexed by type id: ggml.h's enum ggml_type, sizes from gguf-py's
// GGML_QUANT_SIZES.
constexpr std::array<GgmlType, 42> k_ggml_types = {{
    {"F32", 1, 4},      {"F16", 1, 2},        {"Q4_0", 32, 18},     {"Q4_1", 32, 20},     {"Q4_2", 0, 0},
    {"Q4_3", 0, 0},     {"Q5_0", 32, 22},     {"Q5_1", 32, 24},     {"Q8_0", 32, 34},     {"Q8_1", 32, 40},
    {"Q2_K", 256, 84},  {"Q3_K", 256, 110},   {"Q4_K", 256, 144},   {"Q5_K", 256, 176},   {"Q6_K", 256, 210},
    {"Q8_K", 256, 292}, {"IQ2_XXS", 256, 66}, {"IQ2_XS", 256, 74},  {"IQ3_XXS", 256, 98}, {"IQ1_S", 256, 50},
    {"IQ4_NL", 32, 18}, {"IQ3_S", 256, 110},  {"IQ2_S", 256, 82},   {"IQ4_XS", 256, 136}, {"I8", 1, 1},
    {"I16", 1, 2},      {"I32", 1, 4},        {"I64", 1, 8},        {"F64", 1, 8},        {"IQ1_M", 256, 56},
    {"BF16", 1, 2},     {"Q4_0_4_4", 0, 0},   {"Q4_0_4_8", 0, 0},   {"Q4_0_8_8", 0, 0},   {"TQ1_0", 256, 54},
    {"TQ2_0", 256, 66}, {"IQ4_NL_4_4", 0, 0}, {"IQ4_NL_4_8", 0, 0}, {"IQ4_NL_8_8", 0, 0}, {"MXFP4", 32, 17},
    {"NVFP4", 64, 36},  {"Q1_0", 128, 18},
}};

// llama.h's enum llama_ftype, by value (LLAMA_FTYPE_MOSTLY_Q4_K_M = 15).
constexpr std::array<std::string_view, 41> k_file_types = {{
    "F32",   "F16",     "Q4_0",      "Q4_1",   "Q4_1_SOME_F16", "Q4_2",    "Q4_3",     "Q8_0",     "Q5_0",
    "Q5_1",  "Q2_K",    "Q3_K_S",    "Q3_K_M", "Q3_K_L",        "Q4_K_S",  "Q4_K_M",   "Q5_K_S",   "Q5_K_M",
    "Q6_K",  "IQ2_XXS", "IQ2_XS",    "Q2_K_S", "IQ3_XS",        "IQ3_XXS", "IQ1_S",    "IQ4_NL",   "IQ3_S",
    "IQ3_M", "IQ2_S",   "IQ2_M",     "IQ4_XS", "IQ1_M",         "BF16",    "Q4_0_4_4", "Q4_0_4_8", "Q4_0_8_8",
    "TQ1_0", "TQ2_0",   "MXFP4_MOE", "NVFP4",  "Q1_0",
}};
constexpr std::uint32_t k_file_type_guessed = 1024;

constexpr std::size_t k_max_kept_string = 64 * 1024;
constexpr std::size_t k_max_base_models = 64;

util::Unexpected parse_error(std::string message) {
  return util::make_error(util::ErrorCode::parse, std::move(message));
}

// Length of the valid UTF-8 sequence starting at `s[i]`, or 0 when it is not
// one (overlong forms, surrogates and values past U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char lead = byte(i);
  std::size_t length = lead < 0x80                    ? 1
                       : lead >= 0xc2 && lead <= 0xdf ? 2
                       : lead >= 0xe0 && lead <= 0xef ? 3
                       : lead >= 0xf0 && lead <= 0xf4 ? 4
                                                      : 0;
  if (length == 0 || i + length > s.size()) {
    return 0;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) {
      return 0;
    }
  }
  unsigned char second = length > 1 ? byte(i + 1) : 0;
  if ((lead == 0xe0 && second < 0xa0) || (lead == 0xed && second > 0x9f) || (lead == 0xf0 && second < 0x90) ||
      (lead == 0xf4 && second > 0x8f)) {
    return 0;
  }
  return length;
}

// `s` with every invalid UTF-8 byte replaced by U+FFFD.
std::string replace_invalid_utf8(std::string_view s) {
  if (util::is_valid_utf8(s)) {
    return std::string(s);
  }
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t length = utf8_sequence_length(s, i);
    if (length == 0) {
      out += "\xef\xbf\xbd";
      ++i;
    } else {
      out.append(s.substr(i, length));
      i += length;
    }
  }
  return out;
}

// A scalar metadata value: display text, and the value when it is a
// non-negative integer (general.file_type, general.alignment, counts).
struct Scalar {
  std::string text;
  std::optional<std::uint64_t> integer;
};

Scalar unsigned_scalar(std::uint64_t value) {
  return Scalar{std::to_string(value), value};
}

Scalar signed_scalar(std::int64_t value) {
  return Scalar{std::to_string(value),
                value >= 0 ? std::optional<std::uint64_t>(static_cast<std::uint64_t>(value)) : std::nullopt};
}

// What a tensor info says, past its name.
struct TensorShape {
  std::uint64_t elements = 1;
  std::uint64_t row = 1;  // ne[0], the dimension quantisation blocks run along
  std::uint32_t type = 0;
  std::uint64_t offset = 0;
};

// Reads one GGUF prefix: header, metadata, tensor infos.
class Parser {
public:
  Parser(std::string_view bytes, std::optional<std::uint64_t> file_size)
      : m_reader(bytes), m_file_size(file_size) {}

  util::Result<GgufInfo> parse();
  // True when the bytes ran out before the metadata did (more may help).
  [[nodiscard]] bool truncated() const { return m_reader.truncated(); }

private:
  util::Status read_header();
  util::Status read_metadata_entry(std::uint64_t index);
  util::Status read_value(const std::string& key);
  util::Result<Scalar> read_scalar(ValueType type);
  util::Result<std::uint64_t> skip_array(int depth);
  util::Status read_tensor_info(std::uint64_t index);
  util::Status add_tensor(const TensorShape& tensor, const std::string& context);
  util::Status read_general_keys();
  util::Status finish_data();
  util::Status fits(std::uint64_t count, std::uint64_t item_size, std::string_view what);
  std::string metadata_text(const std::string& key) const;

  ByteReader m_reader;
  std::optional<std::uint64_t> m_file_size;
  GgufInfo m_info;
  std::uint64_t m_kv_count = 0;
  std::set<std::string, std::less<>> m_keys;
  std::map<std::string, std::uint64_t> m_integers;  // integer metadata, for the general.* keys
};

util::Result<GgufInfo> Parser::parse() {
  TRY(read_header());
  for (std::uint64_t i = 0; i < m_kv_count; ++i) {
    TRY(read_metadata_entry(i));
  }
  TRY(read_general_keys());
  for (std::uint64_t i = 0; i < m_info.tensor_count; ++i) {
    TRY(read_tensor_info(i));
  }
  TRY(finish_data());
  m_info.file_size = m_file_size;
  return std::move(m_info);
}

// Counts come from the input: `count` items of at least `item_size` bytes
// must fit in the file (a definite error) and in the bytes at hand (else the
// reader is truncated and a longer prefix may do).
util::Status Parser::fits(std::uint64_t count, std::uint64_t item_size, std::string_view what) {
  if (m_file_size) {
    std::uint64_t left = *m_file_size > m_reader.offset() ? *m_file_size - m_reader.offset() : 0;
    std::optional<std::uint64_t> total = checked_mul(count, item_size);
    if (!total || *total > left) {
      return parse_error(std::string(what) + " at offset " + std::to_string(m_reader.offset()) + " holds " +
                         std::to_string(count) + " items, more than the " + std::to_string(left) +
                         " bytes left in the file can hold");
    }
  }
  return m_reader.require(count, item_size, what);
}

util::Status Parser::read_header() {
  TRY_ASSIGN(magic, m_reader.read_bytes(4, "magic"));
  if (magic != "GGUF") {
    return parse_error("not a GGUF file: the magic is " + quote_untrusted(magic) + ", not \"GGUF\"");
  }
  TRY_ASSIGN(version, m_reader.read_u32("version"));
  if (version == 1) {
    return parse_error("GGUF version 1 (2023, 32-bit counts) is not supported: convert the model again");
  }
  if (version > 0xffff && (version & 0xffff) == 0) {
    return parse_error("big-endian GGUF files are not supported");
  }
  if (version != 2 && version != 3) {
    return parse_error("unsupported GGUF version " + std::to_string(version));
  }
  m_info.version = version;
  TRY_ASSIGN(tensor_count, m_reader.read_u64("tensor count"));
  TRY_ASSIGN(kv_count, m_reader.read_u64("metadata count"));
  // Each entry takes at least a key length, a type and a byte; each tensor
  // info a name length, a dimension count, a type and an offset.
  TRY(fits(kv_count, 8 + 4 + 1, "metadata"));
  TRY(fits(tensor_count, 8 + 4 + 4 + 8, "tensor infos"));
  m_info.tensor_count = tensor_count;
  m_kv_count = kv_count;
  return util::Ok{};
}

util::Status Parser::read_metadata_entry(std::uint64_t index) {
  util::Result<std::string_view> key = m_reader.read_string_u64("key");
  if (!key) {
    return with_context(key.error(), "metadata entry " + std::to_string(index));
  }
  if (!util::is_valid_utf8(*key)) {
    return parse_error("metadata entry " + std::to_string(index) + ": key " + quote_untrusted(*key) +
                       " is not valid UTF-8");
  }
  if (!m_keys.emplace(*key).second) {
    return parse_error("metadata key " + quote_untrusted(*key) + " appears twice");
  }
  std::string name(*key);
  util::Status value = read_value(name);
  if (!value) {
    return with_context(value.error(), "metadata " + quote_untrusted(name));
  }
  return util::Ok{};
}

util::Status Parser::read_value(const std::string& key) {
  TRY_ASSIGN(type, m_reader.read_u32("value type"));
  if (type >= k_value_type_count) {
    return parse_error("unknown value type " + std::to_string(type));
  }
  if (static_cast<ValueType>(type) == ValueType::array) {
    TRY_ASSIGN(count, skip_array(1));
    m_info.array_lengths[key] = count;
    return util::Ok{};
  }
  TRY_ASSIGN(scalar, read_scalar(static_cast<ValueType>(type)));
  if (scalar.integer) {
    m_integers[key] = *scalar.integer;
  }
  m_info.metadata[key] = std::move(scalar.text);
  return util::Ok{};
}

util::Result<Scalar> Parser::read_scalar(ValueType type) {
  switch (type) {
  case ValueType::u8: {
    TRY_ASSIGN(v, m_reader.read_u8("value"));
    return unsigned_scalar(v);
  }
  case ValueType::i8: {
    TRY_ASSIGN(v, m_reader.read_i8("value"));
    return signed_scalar(v);
  }
  case ValueType::u16: {
    TRY_ASSIGN(v, m_reader.read_u16("value"));
    return unsigned_scalar(v);
  }
  case ValueType::i16: {
    TRY_ASSIGN(v, m_reader.read_i16("value"));
    return signed_scalar(v);
  }
  case ValueType::u32: {
    TRY_ASSIGN(v, m_reader.read_u32("value"));
    return unsigned_scalar(v);
  }
  case ValueType::i32: {
    TRY_ASSIGN(v, m_reader.read_i32("value"));
    return signed_scalar(v);
  }
  case ValueType::u64: {
    TRY_ASSIGN(v, m_reader.read_u64("value"));
    return unsigned_scalar(v);
  }
  case ValueType::i64: {
    TRY_ASSIGN(v, m_reader.read_i64("value"));
    return signed_scalar(v);
  }
  case ValueType::f32: {
    TRY_ASSIGN(v, m_reader.read_f32("value"));
    return Scalar{fmt::format("{}", v), std::nullopt};
  }
  case ValueType::f64: {
    TRY_ASSIGN(v, m_reader.read_f64("value"));
    return Scalar{fmt::format("{}", v), std::nullopt};
  }
  case ValueType::boolean: {
    TRY_ASSIGN(v, m_reader.read_u8("value"));
    if (v > 1) {
      return parse_error("boolean value " + std::to_string(v) + " is neither 0 nor 1");
    }
    return Scalar{v == 1 ? "true" : "false", std::nullopt};
  }
  case ValueType::string: {
    TRY_ASSIGN(v, m_reader.read_string_u64("string"));
    if (v.size() > k_max_kept_string) {
      return Scalar{"<string of " + std::to_string(v.size()) + " bytes>", std::nullopt};
    }
    return Scalar{replace_invalid_utf8(v), std::nullopt};
  }
  case ValueType::array:
    break;
  }
  return parse_error("an array where a scalar was expected");
}

// Moves past an array (after its value type) without keeping its elements;
// returns its element count. `depth` is 1 for a top-level array.
util::Result<std::uint64_t> Parser::skip_array(int depth) {
  if (depth > k_gguf_max_array_depth) {
    return parse_error("arrays nested more than " + std::to_string(k_gguf_max_array_depth) + " deep");
  }
  TRY_ASSIGN(raw_type, m_reader.read_u32("array element type"));
  TRY_ASSIGN(count, m_reader.read_u64("array length"));
  if (raw_type >= k_value_type_count) {
    return parse_error("unknown array element type " + std::to_string(raw_type));
  }
  auto type = static_cast<ValueType>(raw_type);
  TRY(fits(count, min_value_size(type), "array"));
  if (type == ValueType::string) {
    for (std::uint64_t i = 0; i < count; ++i) {
      TRY_ASSIGN(length, m_reader.read_u64("array string length"));
      TRY(m_reader.skip(length, "array string"));
    }
  } else if (type == ValueType::array) {
    // Each element is itself an element type, a count and the elements.
    for (std::uint64_t i = 0; i < count; ++i) {
      TRY(skip_array(depth + 1));
    }
  } else {
    // `fits` checked that count * size bytes are there.
    TRY(m_reader.skip(count * min_value_size(type), "array"));
  }
  return count;
}

std::string Parser::metadata_text(const std::string& key) const {
  auto it = m_info.metadata.find(key);
  return it == m_info.metadata.end() ? std::string() : it->second;
}

// The general.* keys GgufInfo names; alignment is needed for the tensor infos.
util::Status Parser::read_general_keys() {
  if (m_info.metadata.count("general.alignment") != 0 ||
      m_info.array_lengths.count("general.alignment") != 0) {
    auto it = m_integers.find("general.alignment");
    std::uint64_t alignment = it == m_integers.end() ? 0 : it->second;
    if (alignment == 0 || alignment > (1u << 30) || (alignment & (alignment - 1)) != 0) {
      return parse_error("general.alignment " + quote_untrusted(metadata_text("general.alignment")) +
                         " is not a power of two");
    }
    m_info.alignment = static_cast<std::uint32_t>(alignment);
  }
  m_info.architecture = metadata_text("general.architecture");
  m_info.name = metadata_text("general.name");
  m_info.license = metadata_text("general.license");
  m_info.license_name = metadata_text("general.license.name");
  m_info.license_link = metadata_text("general.license.link");
  if (auto it = m_integers.find("general.file_type"); it != m_integers.end() && it->second <= UINT32_MAX) {
    m_info.file_type = static_cast<std::uint32_t>(it->second);
    m_info.file_type_name = llama_file_type_name(*m_info.file_type);
  }
  auto count = m_integers.find("general.base_model.count");
  std::uint64_t base_models =
      count == m_integers.end() ? 0 : std::min<std::uint64_t>(count->second, k_max_base_models);
  for (std::uint64_t i = 0; i < base_models; ++i) {
    std::string prefix = "general.base_model." + std::to_string(i) + ".";
    GgufBaseModel base{metadata_text(prefix + "name"), metadata_text(prefix + "organization"),
                       metadata_text(prefix + "repo_url")};
    if (!base.name.empty() || !base.organization.empty() || !base.repo_url.empty()) {
      m_info.base_models.push_back(std::move(base));
    }
  }
  return util::Ok{};
}

util::Status Parser::read_tensor_info(std::uint64_t index) {
  std::string context = "tensor info " + std::to_string(index);
  util::Result<std::string_view> name = m_reader.read_string_u64("name");
  util::Result<std::uint32_t> n_dims = name ? m_reader.read_u32("dimension count") : name.error();
  if (!n_dims) {
    return with_context(n_dims.error(), context);
  }
  context += " (" + quote_untrusted(*name) + ")";
  if (*n_dims > k_gguf_max_dims) {
    return parse_error(context + ": " + std::to_string(*n_dims) + " dimensions, more than " +
                       std::to_string(k_gguf_max_dims));
  }
  TensorShape tensor;
  for (std::uint32_t d = 0; d < *n_dims; ++d) {
    util::Result<std::uint64_t> dim = m_reader.read_u64("dimension");
    if (!dim) {
      return with_context(dim.error(), context);
    }
    std::optional<std::uint64_t> product = checked_mul(tensor.elements, *dim);
    if (!product) {
      return parse_error(context + ": more than 2^64 elements");
    }
    tensor.elements = *product;
    tensor.row = d == 0 ? *dim : tensor.row;
  }
  util::Result<std::uint32_t> type = m_reader.read_u32("type");
  util::Result<std::uint64_t> offset = type ? m_reader.read_u64("offset") : type.error();
  if (!offset) {
    return with_context(offset.error(), context);
  }
  tensor.type = *type;
  tensor.offset = *offset;
  return add_tensor(tensor, context);
}

util::Status Parser::add_tensor(const TensorShape& tensor, const std::string& context) {
  std::optional<std::uint64_t> parameters = checked_add(m_info.parameter_count, tensor.elements);
  if (!parameters) {
    return parse_error("the parameter count overflows 64 bits at " + context);
  }
  m_info.parameter_count = *parameters;
  std::string_view type_name = ggml_type_name(tensor.type);
  m_info.tensor_types[type_name.empty() ? "type " + std::to_string(tensor.type) : std::string(type_name)] +=
      1;
  if (tensor.offset % m_info.alignment != 0) {
    return parse_error(context + ": offset " + std::to_string(tensor.offset) +
                       " is not a multiple of the alignment " + std::to_string(m_info.alignment));
  }
  // The bytes it spans, for types of known size.
  if (tensor.type >= k_ggml_types.size() || k_ggml_types[tensor.type].block == 0) {
    return util::Ok{};
  }
  const GgmlType& known = k_ggml_types[tensor.type];
  if (tensor.row % known.block != 0) {
    return parse_error(context + ": rows of " + std::to_string(tensor.row) + " elements do not fill " +
                       std::string(known.name) + " blocks of " + std::to_string(known.block));
  }
  std::optional<std::uint64_t> bytes = checked_mul(tensor.elements / known.block, known.bytes);
  std::optional<std::uint64_t> end = bytes ? checked_add(tensor.offset, *bytes) : std::nullopt;
  if (!end) {
    return parse_error(context + ": its data ends past 2^64 bytes");
  }
  m_info.data_size = std::max(m_info.data_size, *end);
  return util::Ok{};
}

// Tensor data starts after the tensor infos, at the next multiple of the
// alignment, and must end within the file.
util::Status Parser::finish_data() {
  std::uint64_t alignment = m_info.alignment;
  m_info.data_offset = (m_reader.offset() + alignment - 1) / alignment * alignment;
  if (!m_file_size || m_info.data_size == 0) {
    return util::Ok{};
  }
  std::optional<std::uint64_t> end = checked_add(m_info.data_offset, m_info.data_size);
  if (!end || *end > *m_file_size) {
    return parse_error("the tensor data ends past the end of the " + std::to_string(*m_file_size) +
                       "-byte file (" +
                       (end ? "at byte " + std::to_string(*end) : std::string("past 2^64 bytes")) +
                       "): truncated download?");
  }
  return util::Ok{};
}

}  // namespace

std::string_view ggml_type_name(std::uint32_t type) {
  return type < k_ggml_types.size() ? k_ggml_types[type].name : std::string_view();
}

std::string llama_file_type_name(std::uint32_t file_type) {
  if ((file_type & k_file_type_guessed) != 0) {
    std::string base = llama_file_type_name(file_type & ~k_file_type_guessed);
    return base.empty() ? base : base + " (guessed)";
  }
  return file_type < k_file_types.size() ? std::string(k_file_types[file_type]) : std::string();
}

util::Result<GgufInfo> read_gguf_metadata(std::string_view bytes, std::optional<std::uint64_t> file_size) {
  return Parser(bytes, file_size).parse();
}

util::Result<GgufInfo> read_gguf_file(const std::string& path) {
  // Read a prefix; while the metadata runs past it, read a longer one.
  std::uint64_t want = 1024 * 1024;
  while (true) {
    TRY_ASSIGN(head, util::read_file_head(path, want));
    Parser parser(head.bytes, head.file_size);
    util::Result<GgufInfo> info = parser.parse();
    if (info || !parser.truncated() || head.bytes.size() >= head.file_size) {
      return util::with_path(std::move(info), path);
    }
    if (want >= k_gguf_max_metadata_bytes) {
      return util::make_error(util::ErrorCode::too_large, "metadata longer than the 64 MiB limit", path);
    }
    want = std::min(want * 4, k_gguf_max_metadata_bytes);
  }
}

}  // namespace aperture::formats
