// The one exception type: thrown to abort a whole command, caught only in
// cli_main (and later the HTTP handler wrapper). Expected failures use Result.
#pragma once

#include <stdexcept>
#include <string>

namespace aperture {

class Error : public std::runtime_error {
public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace aperture

// For programmer errors only; never reachable from user input.
#define APERTURE_ASSERT(cond)                                                            \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      throw ::aperture::Error(std::string("internal error: assertion failed: ") + #cond + \
                              " at " + __FILE__ + ":" + std::to_string(__LINE__));       \
    }                                                                                    \
  } while (false)
