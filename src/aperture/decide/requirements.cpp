#include <algorithm>
#include <array>
#include <charconv>
#include <limits>

#include <fmt/format.h>

#include <aperture/decide/requirements.hpp>
#include <aperture/util/text.hpp>

namespace aperture::decide {

namespace {

constexpr std::array<std::string_view, k_needs> k_need_names = {"commercial", "redistribute", "fine-tune",
                                                                "on-prem", "eu"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

std::optional<Need> need_from_string(std::string_view name) {
  for (std::size_t i = 0; i < k_needs; ++i) {
    if (k_need_names[i] == name) {
      return static_cast<Need>(i);
    }
  }
  // Spellings people type.
  if (name == "finetune" || name == "fine_tune" || name == "modify") {
    return Need::fine_tune;
  }
  if (name == "on_prem" || name == "onprem" || name == "self-host") {
    return Need::on_prem;
  }
  if (name == "redistribution" || name == "distribute") {
    return Need::redistribute;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Need need) {
  return k_need_names[static_cast<std::size_t>(need)];
}

bool Requirements::has(Need need) const {
  return std::find(needs.begin(), needs.end(), need) != needs.end();
}

std::optional<std::uint64_t> parse_count(std::string_view text) {
  std::uint64_t scale = 1;
  if (!text.empty()) {
    switch (text.back()) {
    case 'k':
    case 'K':
      scale = 1000;
      break;
    case 'm':
    case 'M':
      scale = 1000000;
      break;
    case 'b':
    case 'B':
      scale = 1000000000;
      break;
    default:
      break;
    }
    if (scale != 1) {
      text.remove_suffix(1);
    }
  }
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  if (n > std::numeric_limits<std::uint64_t>::max() / scale) {
    return std::nullopt;
  }
  return n * scale;
}

util::Result<Requirements> parse_requirement(std::string_view item, Requirements into) {
  item = trim(item);
  std::string shown = util::clip_utf8(item, 60);
  if (item.substr(0, 6) == "users=") {
    std::optional<std::uint64_t> n = parse_count(item.substr(6));
    if (!n) {
      return util::make_error(
          util::ErrorCode::invalid,
          fmt::format("bad requirement '{}': users=N takes a count such as 5000 or 700M", shown));
    }
    into.users = *n;
    return into;
  }
  std::optional<Need> need = need_from_string(item);
  if (!need) {
    return util::make_error(
        util::ErrorCode::invalid,
        fmt::format("unknown requirement '{}' (known: commercial, redistribute, fine-tune, "
                    "on-prem, eu, users=N)",
                    shown));
  }
  if (!into.has(*need)) {
    into.needs.push_back(*need);
  }
  return into;
}

util::Result<Requirements> parse_requirements(std::string_view list, Requirements into) {
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    std::string_view item = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (item.empty()) {
      continue;
    }
    TRY_ASSIGN(next, parse_requirement(item, std::move(into)));
    into = std::move(next);
  }
  return into;
}

std::string to_string(const Requirements& r) {
  std::string out;
  for (Need need : r.needs) {
    out += out.empty() ? "" : ",";
    out += to_string(need);
  }
  if (r.users) {
    out += fmt::format("{}users={}", out.empty() ? "" : ",", *r.users);
  }
  return out;
}

}  // namespace aperture::decide
