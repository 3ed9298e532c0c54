// `aperture scan`: turns a target (a model directory, a model card, a license
// text, a single weights file, an MOT or OSAI-index YAML file) into a Release.
// Reads headers only; never executes or unpickles anything.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/release/release.hpp>
#include <aperture/scan/inventory.hpp>
#include <aperture/util/result.hpp>

namespace aperture::scan {

// Fails only when the target cannot be read at all (missing, unreadable,
// not a kind of input Aperture knows); problems inside it are findings.
util::Result<release::Release> scan_target(const std::string& target);

// The pieces, for callers that already hold the text.
release::Release scan_model_card_text(std::string_view text, const std::string& path);
release::Release scan_license_text(std::string_view text, const std::string& path);

// Where scan_files gets the bytes of the files it is given: a directory on
// disk, or the texts fetched from a Hub repository (hub/hub_release.cpp).
class FileSource {
public:
  virtual ~FileSource() = default;
  // The whole file `entry`, at most `max_bytes`; the error names `entry.path`.
  virtual util::Result<std::string> read(const InventoryEntry& entry, std::uint64_t max_bytes) const = 0;
  // At most `max_bytes` from the start of `entry` (a source file's license header).
  virtual util::Result<std::string> read_head(const InventoryEntry& entry, std::uint64_t max_bytes) const = 0;
  // Records the weights file `entry`: its kind in `file`, what its header says in `release`.
  virtual void read_weights(const InventoryEntry& entry, release::FileEntry& file,
                            release::Release& release) const = 0;
};

// The directory scan's body, for any FileSource: each of `entries` (every file
// of a model repository, sorted by path) is listed in `release` with its role,
// licenses, model card, config and weights; the parameter count is summed; the
// components no file holds are absent; component licenses are assigned.
// REQUIRES: `release` has its target, input kind and name set.
void scan_files(const std::vector<InventoryEntry>& entries, const FileSource& source, release::Release& release);

}  // namespace aperture::scan
