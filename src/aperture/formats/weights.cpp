#include <aperture/formats/weights.hpp>

#include <aperture/formats/byte_reader.hpp>
#include <aperture/util/text.hpp>

namespace aperture::formats {

namespace {

constexpr std::string_view k_lfs_version_line = "version https://git-lfs.github.com/spec/v1";
constexpr std::uint64_t k_max_safetensors_sniff_header = 100'000'000;

// What the first bytes show, before the file name is considered.
enum class Magic { none, lfs, gguf, ggml, safetensors, zip, pickle, hdf5, tflite, npy };

// The lower-case extension of the last path component, without the dot.
std::string extension_of(std::string_view filename) {
  std::size_t slash = filename.find_last_of("/\\");
  if (slash != std::string_view::npos) {
    filename.remove_prefix(slash + 1);
  }
  std::size_t dot = filename.rfind('.');
  return dot == std::string_view::npos ? std::string() : util::ascii_lower(filename.substr(dot + 1));
}

bool is_pickle_extension(std::string_view ext) {
  return ext == "bin" || ext == "pt" || ext == "pth" || ext == "ckpt" || ext == "pkl" || ext == "pickle";
}

// A safetensors file starts with its header length (u64, little-endian) and
// the header's opening brace.
bool looks_like_safetensors(std::string_view bytes) {
  ByteReader reader(bytes);
  util::Result<std::uint64_t> length = reader.read_u64("header length");
  return length && *length >= 2 && *length <= k_max_safetensors_sniff_header && reader.remaining() > 0 &&
         bytes[8] == '{';
}

// GGUF's predecessors: the magic is a little-endian u32 spelling ggml, ggmf,
// ggjt or ggla, so the bytes read backwards.
bool looks_like_ggml(std::string_view bytes) {
  return bytes.starts_with("lmgg") || bytes.starts_with("fmgg") || bytes.starts_with("tjgg") ||
         bytes.starts_with("algg");
}

// A pickle of protocol 2 or later starts with PROTO (0x80) and the protocol.
bool looks_like_pickle(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x80 && bytes[1] >= 2 && bytes[1] <= 5;
}

Magic sniff(std::string_view bytes) {
  if (bytes.starts_with(k_lfs_version_line)) {
    return Magic::lfs;
  }
  if (bytes.starts_with("GGUF")) {
    return Magic::gguf;
  }
  if (looks_like_ggml(bytes)) {
    return Magic::ggml;
  }
  if (bytes.starts_with("PK\x03\x04")) {
    return Magic::zip;
  }
  if (bytes.starts_with("\x89HDF\r\n\x1a\n")) {
    return Magic::hdf5;
  }
  if (bytes.starts_with("\x93NUMPY")) {
    return Magic::npy;
  }
  if (bytes.size() >= 8 && bytes.substr(4, 4) == "TFL3") {
    return Magic::tflite;
  }
  // Before pickle: a header length of 0x0280 also starts with 0x80 0x02.
  if (looks_like_safetensors(bytes)) {
    return Magic::safetensors;
  }
  if (looks_like_pickle(bytes)) {
    return Magic::pickle;
  }
  return Magic::none;
}

// The name of a zip archive's first entry (from its local file header), or
// empty when the bytes do not reach it.
std::string_view first_zip_entry(std::string_view bytes) {
  ByteReader reader(bytes);
  if (!reader.skip(26, "local file header")) {
    return {};
  }
  util::Result<std::uint16_t> name_length = reader.read_u16("name length");
  if (!name_length || !reader.skip(2, "extra length")) {
    return {};
  }
  util::Result<std::string_view> name = reader.read_bytes(*name_length, "name");
  return name ? *name : std::string_view();
}

// A zip archive: PyTorch's (its first entry is ".../data.pkl"), NumPy's
// .npz, or Keras 3's .keras.
WeightFormat classify_zip(std::string_view ext, std::string_view bytes) {
  if (ext == "npz") {
    return WeightFormat::numpy;
  }
  if (ext == "keras") {
    return WeightFormat::keras;
  }
  std::string_view entry = first_zip_entry(bytes);
  if (entry == "data.pkl" || entry.ends_with("/data.pkl") || is_pickle_extension(ext)) {
    return WeightFormat::pytorch_zip;
  }
  return WeightFormat::unknown;
}

// The format an extension names, for content that shows no magic bytes.
WeightFormat classify_extension(std::string_view ext) {
  if (ext == "safetensors") {
    return WeightFormat::safetensors;
  }
  if (ext == "gguf") {
    return WeightFormat::gguf;
  }
  if (is_pickle_extension(ext)) {
    return WeightFormat::pickle;
  }
  if (ext == "onnx") {
    return WeightFormat::onnx;
  }
  if (ext == "h5" || ext == "hdf5" || ext == "keras") {
    return WeightFormat::keras;
  }
  if (ext == "tflite") {
    return WeightFormat::tflite;
  }
  if (ext == "msgpack") {
    return WeightFormat::flax_msgpack;
  }
  if (ext == "npy" || ext == "npz") {
    return WeightFormat::numpy;
  }
  return WeightFormat::unknown;
}

bool is_lower_hex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

// A pointer key: lower-case letters, digits, '.' and '-' (spec: [a-z0-9.-]).
bool is_lfs_key(std::string_view key) {
  if (key.empty()) {
    return false;
  }
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
      return false;
    }
  }
  return true;
}

util::Result<std::uint64_t> parse_lfs_size(std::string_view value) {
  if (value.empty() || value.size() > 20) {
    return util::make_error(util::ErrorCode::parse,
                            "size " + quote_untrusted(value) + " is not a byte count");
  }
  std::uint64_t size = 0;
  for (char c : value) {
    std::optional<std::uint64_t> times_ten = checked_mul(size, 10);
    std::optional<std::uint64_t> next = times_ten && c >= '0' && c <= '9'
                                            ? checked_add(*times_ten, static_cast<std::uint64_t>(c - '0'))
                                            : std::nullopt;
    if (!next) {
      return util::make_error(util::ErrorCode::parse,
                              "size " + quote_untrusted(value) + " is not a byte count");
    }
    size = *next;
  }
  return size;
}

util::Result<std::string> parse_lfs_oid(std::string_view value) {
  constexpr std::string_view k_prefix = "sha256:";
  std::string_view hex = value.substr(std::min(value.size(), k_prefix.size()));
  if (!value.starts_with(k_prefix) || hex.size() != 64 || !is_lower_hex(hex)) {
    return util::make_error(util::ErrorCode::parse, "oid " + quote_untrusted(value) +
                                                        " is not \"sha256:\" and 64 lower-case hex digits");
  }
  return std::string(hex);
}

}  // namespace

std::string_view weight_format_name(WeightFormat format) {
  switch (format) {
  case WeightFormat::unknown:
    return "unknown";
  case WeightFormat::lfs_pointer:
    return "Git LFS pointer";
  case WeightFormat::safetensors:
    return "safetensors";
  case WeightFormat::gguf:
    return "GGUF";
  case WeightFormat::ggml:
    return "GGML (pre-GGUF)";
  case WeightFormat::pytorch_zip:
    return "PyTorch (zip)";
  case WeightFormat::pickle:
    return "pickle";
  case WeightFormat::onnx:
    return "ONNX";
  case WeightFormat::keras:
    return "Keras";
  case WeightFormat::tflite:
    return "TensorFlow Lite";
  case WeightFormat::flax_msgpack:
    return "Flax (msgpack)";
  case WeightFormat::numpy:
    return "NumPy";
  }
  return "unknown";
}

bool is_pickle_based(WeightFormat format) {
  return format == WeightFormat::pytorch_zip || format == WeightFormat::pickle;
}

WeightFormat classify_weight_file(std::string_view filename, std::string_view first_bytes) {
  std::string ext = extension_of(filename);
  if (first_bytes.empty()) {
    return classify_extension(ext);
  }
  switch (sniff(first_bytes)) {
  case Magic::lfs:
    return WeightFormat::lfs_pointer;
  case Magic::gguf:
    return WeightFormat::gguf;
  case Magic::ggml:
    return WeightFormat::ggml;
  case Magic::safetensors:
    return WeightFormat::safetensors;
  case Magic::hdf5:
    return WeightFormat::keras;
  case Magic::tflite:
    return WeightFormat::tflite;
  case Magic::npy:
    return WeightFormat::numpy;
  case Magic::zip:
    return classify_zip(ext, first_bytes);
  case Magic::pickle:
    // A msgpack map of up to 15 entries also starts with 0x8N.
    return ext == "msgpack" ? WeightFormat::flax_msgpack : WeightFormat::pickle;
  case Magic::none:
    break;
  }
  // ONNX (protobuf) and msgpack have no magic bytes: only the name tells.
  if (ext == "onnx") {
    return WeightFormat::onnx;
  }
  if (ext == "msgpack") {
    return WeightFormat::flax_msgpack;
  }
  return WeightFormat::unknown;
}

util::Result<LfsPointer> read_lfs_pointer(std::string_view text) {
  if (text.size() >= k_max_lfs_pointer_bytes) {
    return util::make_error(util::ErrorCode::parse, "not an LFS pointer: " + std::to_string(text.size()) +
                                                        " bytes, pointers are under 1024");
  }
  if (!text.starts_with(std::string(k_lfs_version_line) + "\n")) {
    return util::make_error(util::ErrorCode::parse, "not an LFS pointer: the first line is not \"" +
                                                        std::string(k_lfs_version_line) + "\"");
  }
  text.remove_prefix(k_lfs_version_line.size() + 1);
  LfsPointer pointer;
  bool has_oid = false;
  bool has_size = false;
  std::string_view previous_key;
  while (!text.empty()) {
    // Each line is "key value\n", keys in strictly increasing order.
    std::size_t eol = text.find('\n');
    if (eol == std::string_view::npos) {
      return util::make_error(util::ErrorCode::parse, "LFS pointer: the last line does not end with \"\\n\"");
    }
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol + 1);
    std::size_t space = line.find(' ');
    std::string_view key = line.substr(0, space);
    std::string_view value = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
    if (space == std::string_view::npos || !is_lfs_key(key) || value.empty() ||
        value.find_first_of("\r ") != std::string_view::npos) {
      return util::make_error(util::ErrorCode::parse,
                              "LFS pointer: line " + quote_untrusted(line) + " is not \"key value\"");
    }
    if (key <= previous_key) {
      return util::make_error(util::ErrorCode::parse,
                              "LFS pointer: key " + quote_untrusted(key) + " is out of order");
    }
    previous_key = key;
    if (key == "oid") {
      TRY_ASSIGN(oid, parse_lfs_oid(value));
      pointer.oid = std::move(oid);
      has_oid = true;
    } else if (key == "size") {
      TRY_ASSIGN(size, parse_lfs_size(value));
      pointer.size = size;
      has_size = true;
    } else if (!key.starts_with("ext-")) {
      return util::make_error(util::ErrorCode::parse, "LFS pointer: unknown key " + quote_untrusted(key));
    }
  }
  if (!has_oid || !has_size) {
    return util::make_error(util::ErrorCode::parse,
                            std::string("LFS pointer: no \"") + (has_oid ? "size" : "oid") + "\" line");
  }
  return pointer;
}

}  // namespace aperture::formats
