// Writes JSON as it goes, in the layout every command prints (nlohmann's
// dump(2): two-space indent, "key": value, [] and {} when empty), without
// building a document first. The scan report is the largest JSON Aperture
// prints, often for thousands of releases in one run; a document tree of
// ordered_json costs more to build and free than the text costs to write.
// Strings that are not valid UTF-8 get U+FFFD per invalid byte, so the output
// is always valid JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aperture::report {

class JsonWriter {
public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // The next member's name. REQUIRES: inside an object.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b);
  JsonWriter& value(int n) { return signed_number(n); }
  JsonWriter& value(long n) { return signed_number(n); }
  JsonWriter& value(long long n) { return signed_number(n); }
  JsonWriter& value(unsigned n) { return unsigned_number(n); }
  JsonWriter& value(unsigned long n) { return unsigned_number(n); }
  JsonWriter& value(unsigned long long n) { return unsigned_number(n); }
  JsonWriter& value(double d);
  JsonWriter& null();
  template <typename T> JsonWriter& value(const std::optional<T>& v) { return v ? value(*v) : null(); }

  // key(name).value(v)
  template <typename T> JsonWriter& field(std::string_view name, const T& v) { return key(name).value(v); }
  // A member only when `s` is not empty.
  JsonWriter& field_if(std::string_view name, std::string_view s) {
    return s.empty() ? *this : field(name, s);
  }

  // The text so far; the writer is left empty.
  std::string take();

private:
  JsonWriter& signed_number(long long n);
  JsonWriter& unsigned_number(unsigned long long n);
  void before_value();
  void open(char bracket);
  void close(char bracket);
  void newline_and_indent(std::size_t depth);
  void string(std::string_view s);

  std::string m_out;
  std::vector<bool> m_empty;  // per open object or array: nothing written in it yet
  bool m_after_key = false;
};

}  // namespace aperture::report
