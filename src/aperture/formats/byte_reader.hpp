// A bounds-checked little-endian cursor over untrusted bytes (binary headers
// of model weight files). Every read checks the bytes left first and returns a
// Result; nothing casts pointers over the input, so no input is undefined
// behaviour. A read that runs past the end also marks the reader `truncated()`,
// so a caller holding only a prefix of a file can tell "read more" from "bad".
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <aperture/util/result.hpp>

namespace aperture::formats {

class ByteReader {
public:
  explicit ByteReader(std::string_view bytes) : m_bytes(bytes) {}

  // Fixed-width little-endian reads. `what` names the field for the error:
  // "truncated: tensor count at offset 16 needs 8 bytes, 3 left".
  util::Result<std::uint8_t> read_u8(std::string_view what);
  util::Result<std::uint16_t> read_u16(std::string_view what);
  util::Result<std::uint32_t> read_u32(std::string_view what);
  util::Result<std::uint64_t> read_u64(std::string_view what);
  util::Result<std::int8_t> read_i8(std::string_view what);
  util::Result<std::int16_t> read_i16(std::string_view what);
  util::Result<std::int32_t> read_i32(std::string_view what);
  util::Result<std::int64_t> read_i64(std::string_view what);
  util::Result<float> read_f32(std::string_view what);
  util::Result<double> read_f64(std::string_view what);

  // The next `n` bytes, as a view into the input.
  util::Result<std::string_view> read_bytes(std::uint64_t n, std::string_view what);
  // A string preceded by its byte length as a little-endian u64 (GGUF v2+) or
  // u32. The bytes are returned as they are: validating them is the caller's.
  util::Result<std::string_view> read_string_u64(std::string_view what);
  util::Result<std::string_view> read_string_u32(std::string_view what);

  // Moves past `n` bytes.
  util::Status skip(std::uint64_t n, std::string_view what);
  // Fails (as truncated) unless `count` items of at least `item_size` bytes
  // each fit in the bytes left: checked before looping over a count read from
  // the input, so a hostile count is an error and never an allocation.
  util::Status require(std::uint64_t count, std::uint64_t item_size, std::string_view what);

  [[nodiscard]] std::size_t offset() const { return m_offset; }
  [[nodiscard]] std::size_t remaining() const { return m_bytes.size() - m_offset; }
  [[nodiscard]] std::size_t size() const { return m_bytes.size(); }
  // True once a read or `require` ran past the end of the input.
  [[nodiscard]] bool truncated() const { return m_truncated; }

private:
  // Fails unless `n` bytes are left; on success the caller may read them.
  util::Status need(std::uint64_t n, std::string_view what);
  // Reads `N` bytes as a little-endian unsigned integer.
  template <typename T> util::Result<T> read_le(std::string_view what);

  std::string_view m_bytes;
  std::size_t m_offset = 0;
  bool m_truncated = false;
};

// `error` with "`context`: " before its message, for callers that know where
// in the file a failing read was ("tensor info 3: truncated: ...").
util::Unexpected with_context(const util::Error& error, std::string_view context);

// `s` quoted for a one-line error message: control characters and bytes that
// are not printable ASCII become \xNN, and long names are cut at `max_bytes`
// with "...". Names in binary headers are untrusted.
std::string quote_untrusted(std::string_view s, std::size_t max_bytes = 80);

// `a * b` and `a + b`, or nothing when they overflow 64 bits.
std::optional<std::uint64_t> checked_mul(std::uint64_t a, std::uint64_t b);
std::optional<std::uint64_t> checked_add(std::uint64_t a, std::uint64_t b);

}  // namespace aperture::formats
