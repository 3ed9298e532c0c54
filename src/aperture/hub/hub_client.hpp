// A small HTTP client for the Hugging Face Hub's public API (libcurl): GET
// only, bounded in time, redirects and size, with errors that say what to do
// (offline, gated, no such model). Nothing here knows what the bytes mean.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include <aperture/util/result.hpp>

namespace aperture::hub {

inline constexpr std::string_view k_default_endpoint = "https://huggingface.co";

// How to reach the Hub. Tests build it directly; `aperture` reads it from
// the environment (hub_options_from_environment).
struct HubOptions {
  std::string endpoint{k_default_endpoint};  // no trailing '/'
  std::string token;                         // sent as "Authorization: Bearer" when not empty
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{60'000};  // the whole transfer
};

// `HF_ENDPOINT` (the variable huggingface_hub reads; default
// https://huggingface.co) and `HF_TOKEN`. Fails when HF_ENDPOINT is not an
// http:// or https:// URL.
util::Result<HubOptions> hub_options_from_environment();

inline constexpr long k_max_redirects = 5;

// GETs `url` (http or https only, at most k_max_redirects redirects) and
// returns the body. Fails, with a one-line error whose path is `url`, when
// the host cannot be reached ("cannot reach ORIGIN: offline?"), on a timeout,
// when the body exceeds `max_bytes` (ErrorCode::too_large), and on HTTP
// errors: 401/403 (gated or private: accept the terms on the Hub, set
// HF_TOKEN), 404 (ErrorCode::not_found), 5xx and others.
util::Result<std::string> fetch(const std::string& url, std::size_t max_bytes, const HubOptions& options);

}  // namespace aperture::hub
