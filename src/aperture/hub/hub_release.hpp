// `aperture scan hf:OWNER/NAME[@REVISION]`: a model on the Hugging Face Hub,
// read through its public HTTP API. The model info gives the file listing, the
// commit, the gate and the parameter count; the card, the license files and
// config.json are fetched and go through the directory scanner
// (scan::scan_files). Weights are never downloaded: the listing's names and
// sizes stand for them.
#pragma once

#include <string>
#include <string_view>

#include <aperture/hub/hub_client.hpp>
#include <aperture/release/release.hpp>
#include <aperture/util/result.hpp>

namespace aperture::hub {

// A model on the Hub: "OWNER/NAME" and an optional revision (branch, tag or
// commit; empty means main).
struct HubRef {
  std::string id;
  std::string revision;
};

// Parses "hf:OWNER/NAME" or "hf:OWNER/NAME@REVISION" (the "hf:" prefix is
// optional). OWNER and NAME: [A-Za-z0-9][A-Za-z0-9._-]*, at most 96 characters
// each; REVISION: the same characters and '/', no "..". Fails with a one-line
// ErrorCode::invalid error naming the target.
util::Result<HubRef> parse_hub_ref(std::string_view target);

// Limits on what is fetched.
inline constexpr std::size_t k_max_info_bytes = 16u * 1024 * 1024;
inline constexpr std::size_t k_max_hub_text_bytes = 1024u * 1024;
inline constexpr std::size_t k_max_hub_texts = 32;

// Scans the model `target` on the Hub at `options.endpoint`. Fails (one line)
// when the target is not a model id, when the model info cannot be fetched
// (offline, gated or private, no such model) or read; a card or license file
// that cannot be fetched is a finding, as an unreadable file is in a directory.
util::Result<release::Release> scan_hub(std::string_view target, const HubOptions& options);

// The same, with HF_ENDPOINT and HF_TOKEN from the environment.
util::Result<release::Release> scan_hub(std::string_view target);

}  // namespace aperture::hub
