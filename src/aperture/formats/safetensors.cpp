#include <algorithm>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include <aperture/formats/byte_reader.hpp>
#include <aperture/formats/safetensors.hpp>
#include <aperture/util/file.hpp>

namespace aperture::formats {

namespace {

using Json = nlohmann::json;

util::Unexpected parse_error(std::string message) {
  return util::make_error(util::ErrorCode::parse, std::move(message));
}

// nlohmann's message without its "[json.exception.parse_error.101] " tag,
// printable ASCII only (the "last read" part echoes the input) and one line.
std::string json_error_message(const std::string& what) {
  std::string_view message = what;
  if (message.starts_with("[json.exception.")) {
    std::size_t close = message.find("] ");
    message.remove_prefix(close == std::string_view::npos ? 0 : close + 2);
  }
  std::string out;
  for (char c : message.substr(0, 200)) {
    out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  }
  return out;
}

// "[4096, 4096]" from the first dimensions kept for messages.
std::string shape_text(const std::vector<std::uint64_t>& dims, std::uint64_t rank) {
  std::string out = "[";
  for (std::size_t i = 0; i < dims.size(); ++i) {
    out += (i == 0 ? "" : ", ") + std::to_string(dims[i]);
  }
  return out + (rank > dims.size() ? ", ...]" : "]");
}

// One tensor entry as the SAX events arrive.
struct TensorEntry {
  std::string name;
  std::string dtype;
  bool has_dtype = false;
  bool has_shape = false;
  bool has_offsets = false;
  std::uint64_t rank = 0;
  std::uint64_t elements = 1;
  std::vector<std::uint64_t> dims;  // the first few, for messages
  std::vector<std::uint64_t> offsets;
};

constexpr std::size_t k_dims_kept = 8;

// A SAX handler that checks the header as it streams by and keeps only the
// summary: a hostile 100 MB header costs no more memory than its tensor
// names, where a DOM would cost ten times its size.
class HeaderSax : public nlohmann::json_sax<Json> {
public:
  HeaderSax(SafetensorsHeader& header, std::optional<std::uint64_t> data_limit)
      : m_header(header), m_data_limit(data_limit) {}

  [[nodiscard]] const std::optional<util::Error>& error() const { return m_error; }

  bool null() override { return scalar("null"); }
  bool boolean(bool) override { return scalar("a boolean"); }
  bool number_integer(number_integer_t value) override {
    if (value >= 0) {
      return number_unsigned(static_cast<std::uint64_t>(value));
    }
    return scalar("a negative number");
  }
  bool number_unsigned(number_unsigned_t value) override;
  bool number_float(number_float_t, const string_t&) override { return scalar("a non-integer number"); }
  bool string(string_t& value) override;
  bool binary(binary_t&) override { return scalar("binary data"); }
  bool start_object(std::size_t) override;
  bool key(string_t& key) override;
  bool end_object() override;
  bool start_array(std::size_t) override;
  bool end_array() override;
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) override {
    return fail("header is not valid JSON: " + json_error_message(ex.what()));
  }

private:
  // Where the next value goes.
  enum class Place { top, entry, metadata, tensor_field, shape, offsets, skipped };
  enum class Field { dtype, shape, offsets, other };

  bool fail(std::string message) {
    m_error = util::Error{util::ErrorCode::parse, std::move(message), {}};
    return false;
  }
  bool fail_tensor(const std::string& message) {
    return fail("tensor " + quote_untrusted(m_tensor.name) + ": " + message);
  }
  // A scalar where `what` arrived: fine in ignored fields, an error elsewhere.
  bool scalar(const std::string& what);
  bool add_dimension(std::uint64_t dim);
  bool finish_tensor();
  bool check_size();

  SafetensorsHeader& m_header;
  std::optional<std::uint64_t> m_data_limit;
  std::optional<util::Error> m_error;
  Place m_place = Place::top;
  Field m_field = Field::other;
  int m_depth = 0;       // open containers
  int m_skip_depth = 0;  // depth at which an ignored field's value started
  bool m_seen_top = false;
  std::string m_key;  // the current top-level key or metadata key
  TensorEntry m_tensor;
  std::set<std::string> m_names;
};

bool HeaderSax::scalar(const std::string& what) {
  switch (m_place) {
  case Place::top:
    return fail("header is not a JSON object");
  case Place::entry:
    if (m_key == "__metadata__") {
      return what == "null" || fail("__metadata__ is " + what + ", not an object");
    }
    return fail("tensor " + quote_untrusted(m_key) + " is " + what + ", not an object");
  case Place::metadata:
    return fail("__metadata__ value of " + quote_untrusted(m_key) + " is " + what + ", not a string");
  case Place::tensor_field:
    if (m_field == Field::dtype) {
      return fail_tensor("dtype is " + what + ", not a string");
    }
    if (m_field == Field::other) {
      return true;
    }
    return fail_tensor(std::string(m_field == Field::shape ? "shape" : "data_offsets") + " is " + what +
                       ", not an array");
  case Place::shape:
    return fail_tensor("shape holds " + what + ", not a non-negative integer");
  case Place::offsets:
    return fail_tensor("data_offsets holds " + what + ", not a non-negative integer");
  case Place::skipped:
    return true;
  }
  return true;
}

bool HeaderSax::number_unsigned(number_unsigned_t value) {
  if (m_place == Place::shape) {
    return add_dimension(value);
  }
  if (m_place == Place::offsets) {
    if (m_tensor.offsets.size() == 2) {
      return fail_tensor("data_offsets holds more than [begin, end]");
    }
    m_tensor.offsets.push_back(value);
    return true;
  }
  return scalar("a number");
}

bool HeaderSax::add_dimension(std::uint64_t dim) {
  std::optional<std::uint64_t> elements = checked_mul(m_tensor.elements, dim);
  if (!elements) {
    std::vector<std::uint64_t> shown = m_tensor.dims;
    if (shown.size() < k_dims_kept) {
      shown.push_back(dim);
    }
    return fail_tensor("shape " + shape_text(shown, m_tensor.rank + 1) + " has more than 2^64 elements");
  }
  m_tensor.elements = *elements;
  ++m_tensor.rank;
  if (m_tensor.dims.size() < k_dims_kept) {
    m_tensor.dims.push_back(dim);
  }
  return true;
}

bool HeaderSax::string(string_t& value) {
  if (m_place == Place::metadata) {
    m_header.metadata[m_key] = value;
    return true;
  }
  if (m_place == Place::tensor_field && m_field == Field::dtype) {
    m_tensor.dtype = value;
    return true;
  }
  return scalar("a string");
}

bool HeaderSax::start_object(std::size_t) {
  ++m_depth;
  switch (m_place) {
  case Place::top:
    if (m_seen_top) {
      return fail("header is not a JSON object");
    }
    m_seen_top = true;
    m_place = Place::entry;
    return true;
  case Place::entry:
    if (m_key == "__metadata__") {
      m_place = Place::metadata;
      return true;
    }
    m_tensor = TensorEntry{};
    m_tensor.name = m_key;
    m_place = Place::tensor_field;
    return true;
  case Place::tensor_field:
    if (m_field == Field::other) {
      m_skip_depth = m_depth;
      m_place = Place::skipped;
      return true;
    }
    return scalar("an object");
  case Place::skipped:
    return true;
  case Place::metadata:
  case Place::shape:
  case Place::offsets:
    return scalar("an object");
  }
  return true;
}

bool HeaderSax::start_array(std::size_t) {
  ++m_depth;
  if (m_place == Place::skipped) {
    return true;
  }
  if (m_place != Place::tensor_field) {
    return scalar("an array");
  }
  switch (m_field) {
  case Field::shape:
    m_place = Place::shape;
    return true;
  case Field::offsets:
    m_place = Place::offsets;
    return true;
  case Field::other:
    m_skip_depth = m_depth;
    m_place = Place::skipped;
    return true;
  case Field::dtype:
    break;
  }
  return scalar("an array");
}

bool HeaderSax::key(string_t& key) {
  if (m_place == Place::entry || m_place == Place::metadata) {
    if (m_place == Place::entry && !m_names.insert(key).second) {
      return fail((key == "__metadata__" ? key : "tensor " + quote_untrusted(key)) + " appears twice");
    }
    m_key = key;
    return true;
  }
  if (m_place != Place::tensor_field) {
    return true;  // inside an ignored field
  }
  bool* seen = nullptr;
  if (key == "dtype") {
    m_field = Field::dtype;
    seen = &m_tensor.has_dtype;
  } else if (key == "shape") {
    m_field = Field::shape;
    seen = &m_tensor.has_shape;
  } else if (key == "data_offsets") {
    m_field = Field::offsets;
    seen = &m_tensor.has_offsets;
  } else {
    m_field = Field::other;
    return true;
  }
  if (*seen) {
    return fail_tensor(key + " appears twice");
  }
  *seen = true;
  return true;
}

bool HeaderSax::end_object() {
  --m_depth;
  switch (m_place) {
  case Place::entry:
    m_place = Place::top;
    return true;
  case Place::metadata:
    m_place = Place::entry;
    return true;
  case Place::tensor_field:
    m_place = Place::entry;
    return finish_tensor();
  case Place::skipped:
    if (m_depth < m_skip_depth) {
      m_place = Place::tensor_field;
    }
    return true;
  case Place::top:
  case Place::shape:
  case Place::offsets:
    break;
  }
  return true;
}

bool HeaderSax::end_array() {
  --m_depth;
  if (m_place == Place::skipped) {
    if (m_depth < m_skip_depth) {
      m_place = Place::tensor_field;
    }
    return true;
  }
  if (m_place == Place::offsets && m_tensor.offsets.size() != 2) {
    return fail_tensor("data_offsets is not [begin, end]");
  }
  m_place = Place::tensor_field;
  return true;
}

bool HeaderSax::finish_tensor() {
  const TensorEntry& t = m_tensor;
  if (!t.has_dtype || !t.has_shape || !t.has_offsets) {
    return fail("tensor " + quote_untrusted(t.name) + " has no " +
                (!t.has_dtype   ? "dtype"
                 : !t.has_shape ? "shape"
                                : "data_offsets"));
  }
  if (t.offsets[0] > t.offsets[1]) {
    return fail_tensor("data_offsets [" + std::to_string(t.offsets[0]) + ", " + std::to_string(t.offsets[1]) +
                       "] end before they begin");
  }
  if (m_data_limit && t.offsets[1] > *m_data_limit) {
    return fail_tensor("data_offsets end " + std::to_string(t.offsets[1]) +
                       " is past the end of the file's " + std::to_string(*m_data_limit) +
                       " bytes of tensor data");
  }
  if (!check_size()) {
    return false;
  }
  std::optional<std::uint64_t> parameters = checked_add(m_header.parameter_count, t.elements);
  if (!parameters) {
    return fail("the parameter count overflows 64 bits at tensor " + quote_untrusted(t.name));
  }
  m_header.parameter_count = *parameters;
  m_header.tensor_count += 1;
  m_header.dtypes[t.dtype] += 1;
  m_header.data_size = std::max(m_header.data_size, t.offsets[1]);
  return true;
}

// For known dtypes, dtype and shape fix the byte size data_offsets must span.
bool HeaderSax::check_size() {
  const TensorEntry& t = m_tensor;
  std::uint32_t bits = safetensors_dtype_bits(t.dtype);
  if (bits == 0) {
    return true;
  }
  std::string what = t.dtype + " " + shape_text(t.dims, t.rank);
  std::optional<std::uint64_t> total_bits = checked_mul(t.elements, bits);
  if (!total_bits) {
    return fail_tensor(what + " needs more than 2^64 bits");
  }
  if (*total_bits % 8 != 0) {
    return fail_tensor(what + " is not a whole number of bytes");
  }
  std::uint64_t spanned = t.offsets[1] - t.offsets[0];
  if (*total_bits / 8 != spanned) {
    return fail_tensor(what + " needs " + std::to_string(*total_bits / 8) + " bytes but data_offsets span " +
                       std::to_string(spanned));
  }
  return true;
}

}  // namespace

std::uint32_t safetensors_dtype_bits(std::string_view dtype) {
  struct Dtype {
    std::string_view name;
    std::uint32_t bits;
  };
  // The reference implementation's dtypes (safetensors/src/tensor.rs).
  static constexpr Dtype k_dtypes[] = {
      {"BOOL", 8}, {"F4", 4},      {"F6_E2M3", 6}, {"F6_E3M2", 6}, {"U8", 8},
      {"I8", 8},   {"F8_E5M2", 8}, {"F8_E4M3", 8}, {"F8_E8M0", 8}, {"I16", 16},
      {"U16", 16}, {"F16", 16},    {"BF16", 16},   {"I32", 32},    {"U32", 32},
      {"F32", 32}, {"C64", 64},    {"F64", 64},    {"I64", 64},    {"U64", 64},
  };
  for (const Dtype& d : k_dtypes) {
    if (d.name == dtype) {
      return d.bits;
    }
  }
  return 0;
}

util::Result<SafetensorsHeader> read_safetensors_header(std::string_view bytes,
                                                        std::optional<std::uint64_t> file_size) {
  ByteReader reader(bytes);
  TRY_ASSIGN(length, reader.read_u64("header length"));
  if (length > k_max_safetensors_header) {
    return util::make_error(util::ErrorCode::too_large,
                            "header length " + std::to_string(length) + " exceeds the 100 MB limit");
  }
  std::optional<std::uint64_t> data_limit;
  if (file_size) {
    if (*file_size < 8 + length) {
      return parse_error("header length " + std::to_string(length) + " exceeds the file size (" +
                         std::to_string(*file_size) + " bytes)");
    }
    data_limit = *file_size - 8 - length;
  }
  TRY_ASSIGN(json, reader.read_bytes(length, "header"));

  SafetensorsHeader header;
  header.header_length = length;
  header.file_size = file_size;
  HeaderSax sax(header, data_limit);
  try {
    if (!Json::sax_parse(json.begin(), json.end(), &sax)) {
      return sax.error() ? util::Unexpected{*sax.error()} : parse_error("header is not valid JSON");
    }
  } catch (const Json::exception& e) {
    return parse_error("header is not valid JSON: " + json_error_message(e.what()));
  }
  return header;
}

util::Result<SafetensorsHeader> read_safetensors_file(const std::string& path) {
  // The length first, then exactly the header it announces, when it is
  // plausible; read_safetensors_header words the error otherwise.
  TRY_ASSIGN(head, util::read_file_head(path, 8));
  ByteReader reader(head.bytes);
  util::Result<std::uint64_t> length = reader.read_u64("header length");
  if (length && *length <= k_max_safetensors_header && 8 + *length <= head.file_size) {
    TRY_ASSIGN(full, util::read_file_head(path, 8 + *length));
    head = std::move(full);
  }
  return util::with_path(read_safetensors_header(head.bytes, head.file_size), path);
}

}  // namespace aperture::formats
