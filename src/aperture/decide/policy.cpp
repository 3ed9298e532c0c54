#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include <aperture/decide/policy.hpp>
#include <aperture/formats/yaml_tree.hpp>
#include <aperture/release/release.hpp>
#include <aperture/util/file.hpp>
#include <aperture/util/text.hpp>

namespace aperture::decide {

namespace {

using formats::YamlEntry;
using formats::YamlNode;

constexpr std::uint64_t k_max_policy_size = 1024 * 1024;

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Glob matching with `*` only; iterative, remembering the last star.
bool glob_match(std::string_view p, std::string_view s) {
  std::size_t pi = 0;
  std::size_t si = 0;
  std::size_t star = std::string_view::npos;
  std::size_t mark = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = si;
    } else if (pi < p.size() && lower(p[pi]) == lower(s[si])) {
      ++pi;
      ++si;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') {
    ++pi;
  }
  return pi == p.size();
}

// Reads one policy; every method reports the first problem with its line.
class PolicyReader {
public:
  explicit PolicyReader(const std::string& path) : m_path(path) {}

  util::Result<Policy> read(const YamlNode& root) {
    Policy p;
    p.path = m_path;
    if (root.kind == YamlNode::Kind::null) {
      return p;
    }
    if (!root.is_mapping()) {
      return fail(root, "a policy is a YAML mapping of rules (docs/check.md)");
    }
    TRY(check_keys(root));
    for (const YamlEntry& e : root.entries) {
      TRY(read_rule(e, p));
    }
    return p;
  }

private:
  util::Unexpected fail(const YamlNode& at, const std::string& message) const {
    return util::make_error(util::ErrorCode::invalid, fmt::format("line {}: {}", at.line, message), m_path);
  }

  util::Status check_keys(const YamlNode& map) const {
    static constexpr std::string_view k_keys[] = {
        "allow_licenses", "deny_licenses", "deny_terms",       "require", "min_spectrum_level", "require_osd",
        "require_osaid",  "min_mof_class", "require_evidence", "users",   "jurisdiction"};
    for (std::size_t i = 0; i < map.entries.size(); ++i) {
      const YamlEntry& e = map.entries[i];
      if (std::find(std::begin(k_keys), std::end(k_keys), e.key) == std::end(k_keys)) {
        return fail(e.value, fmt::format("unknown key '{}' (docs/check.md lists the keys)",
                                         util::clip_utf8(e.key, 60)));
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (map.entries[j].key == e.key) {
          return fail(e.value, fmt::format("'{}' is repeated", e.key));
        }
      }
    }
    return util::Ok{};
  }

  util::Status read_rule(const YamlEntry& e, Policy& p) const {
    const YamlNode& v = e.value;
    if (e.key == "allow_licenses" || e.key == "deny_licenses") {
      TRY_ASSIGN(list, rules_of(e));
      (e.key == "allow_licenses" ? p.allow_licenses : p.deny_licenses) = std::move(list);
    } else if (e.key == "deny_terms") {
      TRY_ASSIGN(list, rules_of(e));
      TRY(check_terms(list, v));
      p.deny_terms = std::move(list);
    } else if (e.key == "require_evidence") {
      TRY_ASSIGN(list, rules_of(e));
      TRY(check_evidence(list, v));
      p.require_evidence = std::move(list);
    } else if (e.key == "require") {
      TRY(read_require(e, p));
    } else if (e.key == "users") {
      TRY_ASSIGN(text, scalar_of(e));
      std::optional<std::uint64_t> n = parse_count(text);
      if (!n) {
        return fail(
            v, fmt::format("users takes a count such as 5000 or 700M, not '{}'", util::clip_utf8(text, 60)));
      }
      p.require.users = *n;
    } else if (e.key == "jurisdiction") {
      TRY(read_jurisdiction(e, p));
    } else if (e.key == "min_spectrum_level") {
      TRY_ASSIGN(level, integer_of(e, 1, 5));
      p.min_spectrum_level = level;
      p.spectrum_line = v.line;
    } else if (e.key == "min_mof_class") {
      TRY_ASSIGN(mof, mof_class_of(e));
      p.min_mof_class = mof;
      p.mof_line = v.line;
    } else if (e.key == "require_osd") {
      TRY_ASSIGN(b, bool_of(e));
      p.require_osd = b;
      p.osd_line = v.line;
    } else if (e.key == "require_osaid") {
      TRY_ASSIGN(b, bool_of(e));
      p.require_osaid = b;
      p.osaid_line = v.line;
    }
    return util::Ok{};
  }

  util::Result<std::string> scalar_of(const YamlEntry& e) const {
    if (!e.value.is_scalar() || e.value.scalar.empty()) {
      return fail(e.value, fmt::format("'{}' takes a single value", e.key));
    }
    return e.value.scalar;
  }

  // A list of scalars; a single scalar counts as a list of one.
  util::Result<std::vector<Rule>> rules_of(const YamlEntry& e) const {
    if (!e.value.is_sequence() && !e.value.is_scalar()) {
      return fail(e.value, fmt::format("'{}' takes a list of values", e.key));
    }
    std::vector<Rule> out;
    if (e.value.is_scalar()) {
      out.push_back(Rule{e.value.scalar, e.value.line});
      return out;
    }
    for (const YamlNode& item : e.value.items) {
      if (!item.is_scalar() || item.scalar.empty()) {
        return fail(item, fmt::format("each item of '{}' is a single value", e.key));
      }
      out.push_back(Rule{item.scalar, item.line});
    }
    return out;
  }

  util::Result<int> integer_of(const YamlEntry& e, int low, int high) const {
    TRY_ASSIGN(text, scalar_of(e));
    if (text.size() != 1 || text[0] < '0' + low || text[0] > '0' + high) {
      return fail(e.value, fmt::format("'{}' is a whole number from {} to {}, not '{}'", e.key, low, high,
                                       util::clip_utf8(text, 60)));
    }
    return text[0] - '0';
  }

  util::Result<int> mof_class_of(const YamlEntry& e) const {
    TRY_ASSIGN(text, scalar_of(e));
    for (int c = 1; c <= 3; ++c) {
      static constexpr std::string_view k_roman[] = {"I", "II", "III"};
      if (text == std::to_string(c) || text == k_roman[c - 1] ||
          text == "Class " + std::string(k_roman[c - 1])) {
        return c;
      }
    }
    return fail(e.value,
                fmt::format("min_mof_class is 1, 2 or 3 (or I, II, III; 1 is the most open), not '{}'",
                            util::clip_utf8(text, 60)));
  }

  util::Result<bool> bool_of(const YamlEntry& e) const {
    TRY_ASSIGN(text, scalar_of(e));
    if (text == "true" || text == "yes") {
      return true;
    }
    if (text == "false" || text == "no") {
      return false;
    }
    return fail(e.value, fmt::format("'{}' is true or false, not '{}'", e.key, util::clip_utf8(text, 60)));
  }

  util::Status read_require(const YamlEntry& e, Policy& p) const {
    TRY_ASSIGN(list, rules_of(e));
    for (const Rule& r : list) {
      auto parsed = parse_requirement(r.value, p.require);
      if (!parsed) {
        return util::make_error(util::ErrorCode::invalid,
                                fmt::format("line {}: {}", r.line, parsed.error().message), m_path);
      }
      p.require = std::move(*parsed);
    }
    p.require_line = e.value.line;
    return util::Ok{};
  }

  util::Status read_jurisdiction(const YamlEntry& e, Policy& p) const {
    TRY_ASSIGN(list, rules_of(e));
    for (const Rule& r : list) {
      if (r.value != "eu" && r.value != "EU") {
        return util::make_error(
            util::ErrorCode::invalid,
            fmt::format("line {}: jurisdiction '{}' is not one Aperture checks (known: eu)", r.line,
                        util::clip_utf8(r.value, 60)),
            m_path);
      }
      if (!p.require.has(Need::eu)) {
        p.require.needs.push_back(Need::eu);
      }
    }
    return util::Ok{};
  }

  util::Status check_terms(const std::vector<Rule>& list, const YamlNode&) const {
    for (const Rule& r : list) {
      if (std::find(std::begin(k_deniable_terms), std::end(k_deniable_terms), r.value) ==
          std::end(k_deniable_terms)) {
        return util::make_error(
            util::ErrorCode::invalid,
            fmt::format("line {}: unknown term '{}' in deny_terms (docs/check.md lists them)", r.line,
                        util::clip_utf8(r.value, 60)),
            m_path);
      }
    }
    return util::Ok{};
  }

  util::Status check_evidence(std::vector<Rule>& list, const YamlNode&) const {
    for (Rule& r : list) {
      if (r.value == "training-data") {
        r.value = "datasets";
      }
      if (r.value == "license" || r.value == "license-file" ||
          release::component_kind_from_string(r.value).has_value()) {
        continue;
      }
      return util::make_error(util::ErrorCode::invalid,
                              fmt::format("line {}: unknown evidence '{}' in require_evidence (license, "
                                          "license-file, training-data or a component id such as model-card)",
                                          r.line, util::clip_utf8(r.value, 60)),
                              m_path);
    }
    return util::Ok{};
  }

  std::string m_path;
};

}  // namespace

bool license_matches(std::string_view pattern, std::string_view id) {
  return glob_match(pattern, id);
}

util::Result<Policy> parse_policy(std::string_view text, const std::string& path) {
  auto root = formats::parse_yaml(text, formats::YamlLimits{16, 10000, 1});
  if (!root) {
    return util::make_error(util::ErrorCode::parse, root.error().message, path);
  }
  return PolicyReader(path).read(*root);
}

util::Result<Policy> read_policy(const std::string& path) {
  TRY_ASSIGN(text, util::read_file(path, k_max_policy_size));
  return parse_policy(text, path);
}

}  // namespace aperture::decide
