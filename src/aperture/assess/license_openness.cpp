#include <aperture/assess/license_openness.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include <aperture/assess/known_license.hpp>
#include <aperture/license/expression.hpp>
#include <aperture/util/text.hpp>

namespace aperture::assess {
namespace {

using release::ContentType;

// Words sources write for "there is no license".
constexpr std::array<std::string_view, 8> k_no_license = {
    "unlicensed", "none", "proprietary", "undisclosed", "closed", "not released", "no license",
    "all rights reserved"};

// How open a result is, for combining: none < restricted < unknown < open.
int rank(Openness o) {
  switch (o) {
  case Openness::none: return 0;
  case Openness::restricted: return 1;
  case Openness::unknown: return 2;
  case Openness::open: return 3;
  }
  return 2;
}

// Creative Commons and Open Data Commons ids not in the knowledge base still
// say what they are in their names: -NC and -ND restrict, BY and BY-SA are
// open content licences (for data and documents, not for code).
std::optional<LicenseOpenness> judge_by_name(std::string_view id, ContentType type) {
  std::string lower = util::ascii_lower(id);
  if (lower.rfind("cc-by", 0) != 0 && lower.rfind("cc0", 0) != 0) {
    return std::nullopt;
  }
  if (lower.find("-nc") != std::string::npos || lower.find("-nd") != std::string::npos) {
    return LicenseOpenness{Openness::restricted, std::string(id),
                           fmt::format("{} restricts commercial use or derivatives", id)};
  }
  if (type == ContentType::code) {
    return LicenseOpenness{Openness::unknown, std::string(id),
                           fmt::format("{} is a content licence, not one for code", id)};
  }
  return LicenseOpenness{Openness::open, std::string(id), fmt::format("{} is an open content licence", id)};
}

// An open content licence by its terms (ODC-By, ODbL, ...): commercial use and
// redistribution allowed, modification not banned, no use bans.
bool open_content_terms(const terms::Terms& t) {
  auto allowed = [](const std::optional<terms::Term>& term) {
    return term && (term->value == "allowed" || term->value == "conditional");
  };
  bool modification_banned = t.modification && t.modification->value == "banned";
  return allowed(t.commercial_use) && allowed(t.redistribution) && !modification_banned && t.field_of_use.empty() &&
         !t.user_threshold && !t.revenue_threshold;
}

std::string first_failing(const LicenseVerdicts& v) {
  for (const auto& c : v.osd) {
    if (c.outcome == Outcome::fail) {
      std::string clause = c.evidence.empty() ? std::string() : c.evidence.front().clause;
      return clause.empty() ? c.id : fmt::format("{} (§{})", c.id, clause);
    }
  }
  return "the OSD";
}

LicenseOpenness judge_id(std::string_view id, ContentType type) {
  const KnownLicense* known = find_known_license(id);
  if (known == nullptr) {
    if (auto by_name = judge_by_name(id, type)) {
      return *by_name;
    }
    return {Openness::unknown, {}, fmt::format("'{}' is not a license Aperture knows", id)};
  }
  if (known->verdicts) {
    switch (known->verdicts->osd_overall) {
    case Outcome::pass:
      return {Openness::open, known->id, fmt::format("{} meets the Open Source Definition", known->id)};
    case Outcome::fail:
      return {Openness::restricted, known->id,
              fmt::format("{} fails {}", known->id, first_failing(*known->verdicts))};
    default: break;
    }
  }
  if (known->osi_approved) {
    return {Openness::open, known->id, fmt::format("{} is OSI-approved", known->id)};
  }
  if (type != ContentType::code && known->profile != nullptr && open_content_terms(known->profile->terms)) {
    return {Openness::open, known->id,
            fmt::format("{} lets anyone use, share and adapt the content, commercially too", known->id)};
  }
  if (auto by_name = judge_by_name(known->id, type)) {
    return *by_name;
  }
  return {Openness::unknown, known->id,
          fmt::format("{} is neither OSI-approved nor read by Aperture's knowledge base", known->id)};
}

LicenseOpenness judge_expression(const license::Expression& e, ContentType type) {
  using Kind = license::Expression::Kind;
  switch (e.kind) {
  case Kind::license:
  case Kind::license_ref: return judge_id(e.id, type);
  case Kind::with: return judge_expression(e.operands.front(), type);
  case Kind::conjunction:
  case Kind::disjunction: {
    bool any = e.kind == Kind::disjunction;
    LicenseOpenness pick;
    bool first = true;
    for (const auto& op : e.operands) {
      LicenseOpenness o = judge_expression(op, type);
      if (first || (any ? rank(o.openness) > rank(pick.openness) : rank(o.openness) < rank(pick.openness))) {
        pick = o;
        first = false;
      }
    }
    pick.id = license::to_string(e);
    return pick;
  }
  }
  return {};
}

}  // namespace

std::string_view to_string(Openness openness) {
  switch (openness) {
  case Openness::open: return "open";
  case Openness::restricted: return "restricted";
  case Openness::none: return "none";
  case Openness::unknown: return "unknown";
  }
  return "unknown";
}

namespace {

// `text` cut at each `op` (lower case; `lower` is `text` lower-cased).
std::vector<std::string_view> split_on(std::string_view text, std::string_view lower, std::string_view op) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t at = lower.find(op); at != std::string_view::npos; at = lower.find(op, start)) {
    parts.push_back(util::trim(text.substr(start, at - start)));
    start = at + op.size();
  }
  parts.push_back(util::trim(text.substr(start)));
  return parts;
}

LicenseOpenness judge_uncached(std::string_view license, ContentType type) {
  std::string_view text = util::trim(license);
  if (text.empty()) {
    return {Openness::unknown, {}, "no license given"};
  }
  std::string lower = util::ascii_lower(text);
  if (std::find(k_no_license.begin(), k_no_license.end(), lower) != k_no_license.end()) {
    return {Openness::none, {}, fmt::format("'{}': no license", text)};
  }
  if (auto e = license::parse_expression(text)) {
    return judge_expression(*e, type);
  }
  // An expression naming something the SPDX list does not have ("MIT OR
  // Llama-Custom"): judge each side, OR before AND as in SPDX.
  for (auto [op, any] : {std::pair{std::string_view(" or "), true}, std::pair{std::string_view(" and "), false}}) {
    std::vector<std::string_view> parts = split_on(text, lower, op);
    if (parts.size() > 1) {
      LicenseOpenness pick = judge_uncached(parts.front(), type);
      for (std::size_t i = 1; i < parts.size(); ++i) {
        LicenseOpenness o = judge_uncached(parts[i], type);
        if (any ? rank(o.openness) > rank(pick.openness) : rank(o.openness) < rank(pick.openness)) {
          pick = o;
        }
      }
      pick.id = std::string(text);
      return pick;
    }
  }
  return judge_id(text, type);
}

}  // namespace

// Remembered per (license, content type): scans ask the same few questions
// thousands of times.
LicenseOpenness judge_openness(std::string_view license, ContentType type) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, ContentType>, LicenseOpenness> cache;
  std::pair<std::string, ContentType> key{std::string(license), type};
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(key);
  if (it == cache.end()) {
    it = cache.emplace(key, judge_uncached(license, type)).first;
  }
  return it->second;
}

}  // namespace aperture::assess

namespace aperture::assess {

std::vector<CriterionVerdict> failing_criteria(std::string_view expression, bool osaid) {
  std::vector<std::string> ids;
  if (auto e = license::parse_expression(expression)) {
    for (std::string& leaf : license::leaf_terms(*e)) {
      ids.push_back(leaf.substr(0, leaf.find(" WITH ")));
    }
  } else {
    ids.emplace_back(expression);
  }
  std::vector<CriterionVerdict> out;
  for (const std::string& id : ids) {
    const KnownLicense* known = find_known_license(id);
    if (known == nullptr || !known->verdicts) {
      continue;
    }
    for (const CriterionVerdict& c : osaid ? known->verdicts->osaid : known->verdicts->osd) {
      if (c.outcome == Outcome::fail) {
        out.push_back(c);
      }
    }
  }
  return out;
}

}  // namespace aperture::assess
