#include <algorithm>
#include <charconv>

#include <aperture/server/query.hpp>
#include <aperture/server/release_summary.hpp>
#include <aperture/util/text.hpp>

namespace aperture::server {
namespace {

using util::ErrorCode;
using util::make_error;

bool has_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

util::Result<std::int64_t>
integer(std::string_view name, std::string_view text, std::int64_t min, std::int64_t max) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < min || n > max) {
    return make_error(ErrorCode::invalid, "'" + std::string(name) + "' must be a whole number from " +
                                              std::to_string(min) + " to " + std::to_string(max));
  }
  return n;
}

util::Result<std::string>
one_of(std::string_view name, const std::string& value, std::initializer_list<std::string_view> allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) {
    return value;
  }
  std::string list;
  for (std::string_view a : allowed) {
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  return make_error(ErrorCode::invalid, "'" + std::string(name) + "' must be one of " + list);
}

// Sets the one filter `name` of `q`; fails on an unknown name or bad value.
util::Status set_filter(store::ReleaseQuery& q, const std::string& name, const std::string& value) {
  if (name == "license") {
    q.license = value;
  } else if (name == "q") {
    q.text = value;
  } else if (name == "level") {
    TRY_ASSIGN(n, integer(name, value, 1, 5));
    q.level = static_cast<int>(n);
  } else if (name == "commercial") {
    TRY_ASSIGN(v, one_of(name, value, {"allowed", "restricted", "forbidden", "unknown"}));
    q.commercial = v;
  } else if (name == "osd" || name == "osaid") {
    TRY_ASSIGN(v, one_of(name, value, {"pass", "fail", "unknown"}));
    (name == "osd" ? q.osd : q.osaid) = v;
  } else if (name == "mof") {
    TRY_ASSIGN(v, one_of(name, value, {"class-i", "class-ii", "class-iii", "none"}));
    q.mof = v;
  } else if (name == "source") {
    TRY_ASSIGN(v, one_of(name, value, {"catalog", "submitted"}));
    q.source = v;
  } else if (name == "open_washing") {
    TRY_ASSIGN(v, one_of(name, value, {"true", "false"}));
    q.open_washing = v == "true";
  } else if (name == "sort") {
    TRY_ASSIGN(v, one_of(name, value, {"id", "name", "level"}));
    q.sort = v == "name" ? store::SortKey::name : v == "level" ? store::SortKey::level : store::SortKey::id;
  } else if (name == "page") {
    TRY_ASSIGN(n, integer(name, value, 1, k_max_page));
    q.page = n;
  } else if (name == "per_page") {
    TRY_ASSIGN(n, integer(name, value, 1, k_max_per_page));
    q.per_page = n;
  } else {
    return make_error(ErrorCode::invalid, "unknown parameter '" + util::clip_utf8(name, 40) + "'");
  }
  return util::Ok{};
}

bool known_filter(std::string_view name) {
  static constexpr std::string_view k_names[] = {"license", "q",     "level",    "commercial",
                                                 "osd",     "osaid", "mof",      "source",
                                                 "sort",    "page",  "per_page", "open_washing"};
  return std::find(std::begin(k_names), std::end(k_names), name) != std::end(k_names);
}

util::Status check_repeats(const QueryParams& params) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    for (std::size_t j = i + 1; j < params.size(); ++j) {
      if (params[i].first == params[j].first) {
        return make_error(ErrorCode::invalid,
                          "parameter '" + util::clip_utf8(params[i].first, 40) + "' given twice");
      }
    }
  }
  return util::Ok{};
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) {
        return std::nullopt;
      }
      int hi = util::hex_digit(text[i + 1]);
      int lo = util::hex_digit(text[i + 2]);
      if (hi < 0 || lo < 0) {
        return std::nullopt;
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += plus_is_space && c == '+' ? ' ' : c;
    }
  }
  return out;
}

util::Result<QueryParams> parse_query_string(std::string_view query) {
  QueryParams params;
  for (std::string_view piece : util::split(query, '&')) {
    if (piece.empty()) {
      continue;
    }
    if (params.size() == k_max_query_params) {
      return make_error(ErrorCode::invalid, "too many query parameters");
    }
    std::size_t eq = piece.find('=');
    auto name = percent_decode(piece.substr(0, eq), true);
    auto value =
        percent_decode(eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1), true);
    if (!name || !value) {
      return make_error(ErrorCode::invalid, "bad %-escape in the query string");
    }
    if (name->size() > k_max_query_value || value->size() > k_max_query_value) {
      return make_error(ErrorCode::invalid, "query parameter longer than 1024 bytes");
    }
    if (has_control(*name) || has_control(*value) || !util::is_valid_utf8(*name) ||
        !util::is_valid_utf8(*value)) {
      return make_error(ErrorCode::invalid, "query parameters must be UTF-8 text without control characters");
    }
    params.emplace_back(std::move(*name), std::move(*value));
  }
  return params;
}

util::Result<store::ReleaseQuery> parse_release_query(const QueryParams& params) {
  TRY(check_repeats(params));
  store::ReleaseQuery q;
  for (const auto& [name, value] : params) {
    if (value.empty()) {
      // An empty value filters nothing; the name must still be one the API knows.
      if (!known_filter(name)) {
        return make_error(ErrorCode::invalid, "unknown parameter '" + util::clip_utf8(name, 40) + "'");
      }
      continue;
    }
    TRY(set_filter(q, name, value));
  }
  return q;
}

util::Result<std::vector<std::string>> parse_compare_ids(const QueryParams& params) {
  TRY(check_repeats(params));
  std::vector<std::string> ids;
  for (const auto& [name, value] : params) {
    if (name != "ids") {
      return make_error(ErrorCode::invalid, "unknown parameter '" + util::clip_utf8(name, 40) + "'");
    }
    for (std::string_view id : util::split(value, ',')) {
      std::string s(util::trim(id));
      if (s.empty()) {
        continue;
      }
      if (std::find(ids.begin(), ids.end(), s) == ids.end()) {
        ids.push_back(s);
      }
    }
  }
  if (ids.size() < 2 || ids.size() > k_max_compare) {
    return make_error(ErrorCode::invalid, "'ids' must name 2 to 8 distinct releases, comma-separated");
  }
  return ids;
}

}  // namespace aperture::server
