// Result<T>: a value or an Error, for expected failures (unreadable file, bad
// expression, truncated header). Shaped like std::expected so it can be swapped
// for it once the toolchain has C++23.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace aperture::util {

enum class ErrorCode {
  io,          // the file could not be opened or read
  not_found,   // the path does not exist
  is_directory,
  too_large,
  binary,      // the input is not text
  parse,       // syntax error in an expression, YAML, JSON or header
  invalid,     // well-formed but not acceptable (unknown id, bad value)
};

struct Error {
  ErrorCode code = ErrorCode::invalid;
  std::string message;
  std::string path;  // the file the error is about, empty when none

  // "PATH: MESSAGE", or MESSAGE alone when there is no path.
  [[nodiscard]] std::string to_string() const {
    return path.empty() ? message : path + ": " + message;
  }
};

// Wraps an Error so `return Unexpected{...}` converts to any Result<T>.
struct Unexpected {
  Error error;
};

template <typename T> class [[nodiscard]] Result {
public:
  Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
  Result(Unexpected u) : m_v(std::in_place_index<1>, std::move(u.error)) {}
  Result(Error e) : m_v(std::in_place_index<1>, std::move(e)) {}

  [[nodiscard]] bool has_value() const { return m_v.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { return std::get<0>(m_v); }
  const T& value() const& { return std::get<0>(m_v); }
  T&& value() && { return std::get<0>(std::move(m_v)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  [[nodiscard]] const Error& error() const { return std::get<1>(m_v); }

private:
  std::variant<T, Error> m_v;
};

// Result<void> equivalent.
struct Ok {};
using Status = Result<Ok>;

// Errors are one line: line breaks and other control characters in the
// message (which can quote hostile input) become spaces.
inline Unexpected make_error(ErrorCode code, std::string message, std::string path = {}) {
  for (char& c : message) {
    if (static_cast<unsigned char>(c) < 0x20) {
      c = ' ';
    }
  }
  return Unexpected{Error{code, std::move(message), std::move(path)}};
}

// `result`, its error (if any) naming `path` as the file it is about.
template <typename T> Result<T> with_path(Result<T> result, const std::string& path) {
  if (result) {
    return result;
  }
  Error error = result.error();
  error.path = path;
  return error;
}

}  // namespace aperture::util

// TRY(expr): evaluates a Result; returns its error from the enclosing function.
#define APERTURE_CONCAT_(a, b) a##b
#define APERTURE_CONCAT(a, b) APERTURE_CONCAT_(a, b)
#define TRY(expr)                                                                       \
  do {                                                                                  \
    auto&& try_result_ = (expr);                                                        \
    if (!try_result_) {                                                                 \
      return ::aperture::util::Unexpected{try_result_.error()};                         \
    }                                                                                   \
  } while (false)
// TRY_ASSIGN(var, expr): declares `var` from a Result's value or returns its error.
#define TRY_ASSIGN(var, expr)                                                           \
  auto&& APERTURE_CONCAT(try_tmp_, __LINE__) = (expr);                                  \
  if (!APERTURE_CONCAT(try_tmp_, __LINE__)) {                                           \
    return ::aperture::util::Unexpected{APERTURE_CONCAT(try_tmp_, __LINE__).error()};   \
  }                                                                                     \
  auto var = std::move(APERTURE_CONCAT(try_tmp_, __LINE__).value())
