// What a team needs to do with a model (`aperture check --require ...`):
// use it commercially, redistribute it, fine-tune it, run it on its own
// machines, use it in the EU, serve a number of users.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/util/result.hpp>

namespace aperture::decide {

// One need a team can state. Order is the order checks are reported in.
enum class Need : std::uint8_t { commercial, redistribute, fine_tune, on_prem, eu };
inline constexpr std::size_t k_needs = 5;

// "commercial", "redistribute", "fine-tune", "on-prem", "eu".
std::string_view to_string(Need need);

struct Requirements {
  std::vector<Need> needs;             // each at most once, in the order given
  std::optional<std::uint64_t> users;  // users=N: monthly active users to serve

  [[nodiscard]] bool has(Need need) const;
  [[nodiscard]] bool empty() const { return needs.empty() && !users; }
};

// Parses one item ("commercial", "users=1000000", "users=700M"). Fails with
// ErrorCode::invalid and one line naming the item when it is not one.
util::Result<Requirements> parse_requirement(std::string_view item, Requirements into = {});

// Parses a comma-separated list of items ("commercial,eu,users=5000");
// repeated items count once; empty items are skipped.
util::Result<Requirements> parse_requirements(std::string_view list, Requirements into = {});

// A user count: digits with an optional K, M or B suffix ("700M").
std::optional<std::uint64_t> parse_count(std::string_view text);

// The items of `r` in the --require syntax, comma-separated.
std::string to_string(const Requirements& r);

}  // namespace aperture::decide
