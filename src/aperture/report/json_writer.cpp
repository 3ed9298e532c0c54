#include <array>
#include <charconv>

#include <nlohmann/json.hpp>

#include <aperture/report/json_writer.hpp>
#include <aperture/util/text.hpp>

namespace aperture::report {

namespace {

// What a byte needs in a JSON string: nothing, a short escape, \u00XX, or a
// UTF-8 check.
enum class ByteNeed : std::uint8_t { copy, short_escape, hex_escape, utf8 };

constexpr std::array<ByteNeed, 256> k_needs = [] {
  std::array<ByteNeed, 256> t{};
  for (int c = 0; c < 0x20; ++c) {
    t[static_cast<std::size_t>(c)] = ByteNeed::hex_escape;
  }
  for (unsigned char c : {'\b', '\t', '\n', '\f', '\r', '"', '\\'}) {
    t[c] = ByteNeed::short_escape;
  }
  for (int c = 0x80; c < 0x100; ++c) {
    t[static_cast<std::size_t>(c)] = ByteNeed::utf8;
  }
  return t;
}();

char short_escape(char c) {
  switch (c) {
  case '\b':
    return 'b';
  case '\t':
    return 't';
  case '\n':
    return 'n';
  case '\f':
    return 'f';
  case '\r':
    return 'r';
  default:
    return c;  // '"' and '\\' stand for themselves
  }
}

}  // namespace

void JsonWriter::newline_and_indent(std::size_t depth) {
  m_out.push_back('\n');
  m_out.append(depth * 2, ' ');
}

void JsonWriter::before_value() {
  if (m_after_key || m_empty.empty()) {
    m_after_key = false;
    return;
  }
  if (!m_empty.back()) {
    m_out.push_back(',');
  }
  m_empty.back() = false;
  newline_and_indent(m_empty.size());
}

void JsonWriter::open(char bracket) {
  before_value();
  m_out.push_back(bracket);
  m_empty.push_back(true);
}

void JsonWriter::close(char bracket) {
  bool empty = m_empty.back();
  m_empty.pop_back();
  if (!empty) {
    newline_and_indent(m_empty.size());
  }
  m_out.push_back(bracket);
}

JsonWriter& JsonWriter::begin_object() {
  open('{');
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  close('}');
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  open('[');
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  close(']');
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  string(name);
  m_out.append(": ");
  m_after_key = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  before_value();
  string(s);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  m_out.append(b ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::signed_number(long long n) {
  before_value();
  std::array<char, 24> buf{};
  auto r = std::to_chars(buf.data(), buf.data() + buf.size(), n);
  m_out.append(buf.data(), r.ptr);
  return *this;
}

JsonWriter& JsonWriter::unsigned_number(unsigned long long n) {
  before_value();
  std::array<char, 24> buf{};
  auto r = std::to_chars(buf.data(), buf.data() + buf.size(), n);
  m_out.append(buf.data(), r.ptr);
  return *this;
}

// Numbers with a fraction are few; nlohmann formats them, so they read the
// same as everywhere else ("1.0", "0.16666666666666666", null for NaN).
JsonWriter& JsonWriter::value(double d) {
  before_value();
  m_out.append(nlohmann::json(d).dump());
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  m_out.append("null");
  return *this;
}

std::string JsonWriter::take() {
  std::string out = std::move(m_out);
  m_out.clear();
  m_empty.clear();
  m_after_key = false;
  return out;
}

// Runs of bytes that need nothing are appended whole.
void JsonWriter::string(std::string_view s) {
  m_out.push_back('"');
  std::size_t run = 0;  // start of the bytes not yet appended
  std::size_t i = 0;
  while (i < s.size()) {
    ByteNeed need = k_needs[static_cast<unsigned char>(s[i])];
    if (need == ByteNeed::copy) {
      ++i;
      continue;
    }
    if (need == ByteNeed::utf8) {
      std::size_t len = util::utf8_sequence_length(s, i);
      if (len != 0) {
        i += len;
        continue;
      }
    }
    m_out.append(s.data() + run, i - run);
    if (need == ByteNeed::short_escape) {
      m_out.push_back('\\');
      m_out.push_back(short_escape(s[i]));
    } else if (need == ByteNeed::hex_escape) {
      static constexpr char k_hex[] = "0123456789abcdef";
      auto c = static_cast<unsigned char>(s[i]);
      m_out.append("\\u00");
      m_out.push_back(k_hex[c >> 4]);
      m_out.push_back(k_hex[c & 0xF]);
    } else {
      m_out.append("\xEF\xBF\xBD");  // U+FFFD for a byte that is not UTF-8
    }
    ++i;
    run = i;
  }
  m_out.append(s.data() + run, s.size() - run);
  m_out.push_back('"');
}

}  // namespace aperture::report
