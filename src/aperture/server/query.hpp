// Query strings of the API, parsed strictly: a bad escape, a control character,
// invalid UTF-8, an unknown or repeated parameter or a value outside its set is
// a one-line error the server answers with 400. Values are only ever compared
// or bound as SQL parameters, never interpreted.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <aperture/store/store.hpp>
#include <aperture/util/result.hpp>

namespace aperture::server {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::size_t k_max_query_params = 32;
inline constexpr std::size_t k_max_query_value = 1024;
inline constexpr std::int64_t k_max_per_page = 200;
inline constexpr std::int64_t k_max_page = 1000000;
inline constexpr std::size_t k_max_compare = 8;

// "a=1&b=x%20y" (form encoding: '+' is a space) into pairs, in order.
// Empty pieces ("a=1&&b=2") are skipped; a piece without '=' has an empty value.
util::Result<QueryParams> parse_query_string(std::string_view query);

// The filters of GET /api/releases.
util::Result<store::ReleaseQuery> parse_release_query(const QueryParams& params);

// The ids of GET /api/compare?ids=a,b: 2 to k_max_compare, distinct.
util::Result<std::vector<std::string>> parse_compare_ids(const QueryParams& params);

// Decodes %XX escapes (and '+' as a space when `plus_is_space`); nullopt on a bad escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace aperture::server
