#include <bit>

#include <aperture/formats/byte_reader.hpp>

namespace aperture::formats {

util::Status ByteReader::need(std::uint64_t n, std::string_view what) {
  if (n <= remaining()) {
    return util::Ok{};
  }
  m_truncated = true;
  return util::make_error(util::ErrorCode::parse, "truncated: " + std::string(what) + " at offset " +
                                                      std::to_string(m_offset) + " needs " +
                                                      std::to_string(n) + " bytes, " +
                                                      std::to_string(remaining()) + " left");
}

template <typename T> util::Result<T> ByteReader::read_le(std::string_view what) {
  TRY(need(sizeof(T), what));
  T value = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    auto byte = static_cast<unsigned char>(m_bytes[m_offset + i]);
    value = static_cast<T>(value | static_cast<T>(static_cast<T>(byte) << (8 * i)));
  }
  m_offset += sizeof(T);
  return value;
}

util::Result<std::uint8_t> ByteReader::read_u8(std::string_view what) {
  return read_le<std::uint8_t>(what);
}

util::Result<std::uint16_t> ByteReader::read_u16(std::string_view what) {
  return read_le<std::uint16_t>(what);
}

util::Result<std::uint32_t> ByteReader::read_u32(std::string_view what) {
  return read_le<std::uint32_t>(what);
}

util::Result<std::uint64_t> ByteReader::read_u64(std::string_view what) {
  return read_le<std::uint64_t>(what);
}

// Signed and floating-point values are the same bits as the unsigned ones;
// std::bit_cast reinterprets them without undefined behaviour.
util::Result<std::int8_t> ByteReader::read_i8(std::string_view what) {
  TRY_ASSIGN(bits, read_u8(what));
  return std::bit_cast<std::int8_t>(bits);
}

util::Result<std::int16_t> ByteReader::read_i16(std::string_view what) {
  TRY_ASSIGN(bits, read_u16(what));
  return std::bit_cast<std::int16_t>(bits);
}

util::Result<std::int32_t> ByteReader::read_i32(std::string_view what) {
  TRY_ASSIGN(bits, read_u32(what));
  return std::bit_cast<std::int32_t>(bits);
}

util::Result<std::int64_t> ByteReader::read_i64(std::string_view what) {
  TRY_ASSIGN(bits, read_u64(what));
  return std::bit_cast<std::int64_t>(bits);
}

util::Result<float> ByteReader::read_f32(std::string_view what) {
  TRY_ASSIGN(bits, read_u32(what));
  return std::bit_cast<float>(bits);
}

util::Result<double> ByteReader::read_f64(std::string_view what) {
  TRY_ASSIGN(bits, read_u64(what));
  return std::bit_cast<double>(bits);
}

util::Result<std::string_view> ByteReader::read_bytes(std::uint64_t n, std::string_view what) {
  TRY(need(n, what));
  std::string_view bytes = m_bytes.substr(m_offset, static_cast<std::size_t>(n));
  m_offset += static_cast<std::size_t>(n);
  return bytes;
}

util::Result<std::string_view> ByteReader::read_string_u64(std::string_view what) {
  TRY_ASSIGN(length, read_u64(what));
  return read_bytes(length, what);
}

util::Result<std::string_view> ByteReader::read_string_u32(std::string_view what) {
  TRY_ASSIGN(length, read_u32(what));
  return read_bytes(length, what);
}

util::Status ByteReader::skip(std::uint64_t n, std::string_view what) {
  TRY(need(n, what));
  m_offset += static_cast<std::size_t>(n);
  return util::Ok{};
}

util::Status ByteReader::require(std::uint64_t count, std::uint64_t item_size, std::string_view what) {
  std::optional<std::uint64_t> total = checked_mul(count, item_size);
  if (total && *total <= remaining()) {
    return util::Ok{};
  }
  m_truncated = true;
  return util::make_error(util::ErrorCode::parse, "truncated: " + std::string(what) + " at offset " +
                                                      std::to_string(m_offset) + " holds " +
                                                      std::to_string(count) + " items, more than the " +
                                                      std::to_string(remaining()) + " bytes left can hold");
}

util::Unexpected with_context(const util::Error& error, std::string_view context) {
  util::Error out = error;
  out.message = std::string(context) + ": " + error.message;
  return util::Unexpected{std::move(out)};
}

std::string quote_untrusted(std::string_view s, std::size_t max_bytes) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i == max_bytes) {
      out += "...";
      break;
    }
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(k_hex[c >> 4]);
      out.push_back(k_hex[c & 0xf]);
    }
  }
  out.push_back('"');
  return out;
}

std::optional<std::uint64_t> checked_mul(std::uint64_t a, std::uint64_t b) {
  std::uint64_t out = 0;
  if (__builtin_mul_overflow(a, b, &out)) {
    return std::nullopt;
  }
  return out;
}

std::optional<std::uint64_t> checked_add(std::uint64_t a, std::uint64_t b) {
  std::uint64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) {
    return std::nullopt;
  }
  return out;
}

}  // namespace aperture::formats
