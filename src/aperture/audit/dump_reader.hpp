// Reads a JSONL dump in chunks and parses its lines on several threads,
// handing the records on in file order. Memory stays bounded by the chunk
// size whatever the dump's size: the file is never held whole.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/audit/dump_record.hpp>
#include <aperture/util/result.hpp>

namespace aperture::audit {

// One non-blank line of the dump: its record, or why it is not one.
struct DumpLine {
  std::uint64_t line = 0;  // 1-based
  util::Result<DumpRecord> record;
};

struct ReadProgress {
  std::uint64_t bytes_read = 0;
  std::uint64_t file_size = 0;  // 0 when unknown (a pipe)
  std::uint64_t lines = 0;
};

using LineSink = std::function<void(std::vector<DumpLine>& lines)>;
using ProgressSink = std::function<void(const ReadProgress& progress)>;

struct ReadOptions {
  unsigned threads = 2;                            // parsing threads (the caller's included)
  std::size_t chunk_bytes = 8u * 1024 * 1024;      // read at once
  std::size_t max_line_bytes = 16u * 1024 * 1024;  // a longer line is reported and skipped
};

// Parses every line of `text` (the whole dump in memory) and hands the
// lines to `sink` in order, in one or more batches.
void read_dump_text(std::string_view text, const ReadOptions& options, const LineSink& sink);

// Reads the dump at `path` ("-" for standard input) chunk by chunk. Fails
// with not_found, is_directory or io when it cannot be read; lines that are
// not records never fail it, they reach `sink` as errors.
util::Status read_dump_file(const std::string& path,
                            const ReadOptions& options,
                            const LineSink& sink,
                            const ProgressSink& progress = {});

}  // namespace aperture::audit
