#include <aperture/assess/verdict.hpp>

#include <fmt/format.h>

namespace aperture::assess {

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
  case Outcome::pass:
    return "pass";
  case Outcome::fail:
    return "fail";
  case Outcome::not_applicable:
    return "not applicable";
  case Outcome::unknown:
    return "unknown";
  }
  return "unknown";
}

std::string format_count(double n) {
  if (n >= 1e6 && static_cast<long long>(n) % 100000 == 0) {
    return fmt::format("{:g} million", n / 1e6);
  }
  return fmt::format("{}", static_cast<long long>(n));
}

Outcome combine(const std::vector<CriterionVerdict>& criteria) {
  bool unknown = false;
  for (const CriterionVerdict& c : criteria) {
    if (c.outcome == Outcome::fail) {
      return Outcome::fail;
    }
    unknown = unknown || c.outcome == Outcome::unknown;
  }
  return unknown || criteria.empty() ? Outcome::unknown : Outcome::pass;
}

}  // namespace aperture::assess
