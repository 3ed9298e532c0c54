// What the scanner learns from weight files: format, Git LFS pointers,
// safetensors and GGUF headers (never the tensors), pickle files (never
// unpickled). Adds facts, findings and licenses to a Release.
#pragma once

#include <string>

#include <aperture/formats/weights.hpp>
#include <aperture/release/release.hpp>
#include <aperture/scan/inventory.hpp>

namespace aperture::scan {

// The kind scan reports for a weights format ("safetensors", "pickle", ...;
// stable ids for JSON); "weights" for one it does not recognise.
std::string weight_kind_id(formats::WeightFormat format);

// Reads the header of the weights file `entry` (at `absolute_path`) and records
// it: the file's kind and LFS size in `file`, parameters, GGUF license and
// base models, findings (pickle, unreadable header) in `release`.
void read_weight_file(const std::string& absolute_path, const InventoryEntry& entry, release::FileEntry& file,
                      release::Release& release);

// After every weights file is read: the parameter count (safetensors shards
// summed; of several GGUF files the largest, as they are usually alternative
// quantisations) and one finding each for pickle files and LFS pointers.
void finish_weights(release::Release& release);

}  // namespace aperture::scan
