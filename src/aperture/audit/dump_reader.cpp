#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>

#include <aperture/audit/dump_reader.hpp>

namespace aperture::audit {
namespace {

struct LineView {
  std::uint64_t line;
  std::string_view text;
};

// The non-blank lines of `block`, numbered from `first_line`; a CR before
// the line feed is dropped.
std::vector<LineView> split_lines(std::string_view block, std::uint64_t first_line) {
  std::vector<LineView> lines;
  std::uint64_t number = first_line;
  std::size_t start = 0;
  while (start < block.size()) {
    std::size_t end = block.find('\n', start);
    if (end == std::string_view::npos) {
      end = block.size();
    }
    std::string_view text = block.substr(start, end - start);
    if (!text.empty() && text.back() == '\r') {
      text.remove_suffix(1);
    }
    if (text.find_first_not_of(" \t") != std::string_view::npos) {
      lines.push_back({number, text});
    }
    ++number;
    start = end + 1;
  }
  return lines;
}

void parse_range(const std::vector<LineView>& lines,
                 std::size_t begin,
                 std::size_t end,
                 std::vector<DumpLine>& out) {
  out.reserve(end - begin);
  for (std::size_t i = begin; i < end; ++i) {
    out.push_back({lines[i].line, parse_record(lines[i].text)});
  }
}

// Parses `block` (whole lines) on `threads` threads, each a contiguous
// share, and hands the lines to `sink` in order.
void parse_block(std::string_view block, std::uint64_t first_line, unsigned threads, const LineSink& sink) {
  std::vector<LineView> lines = split_lines(block, first_line);
  if (lines.empty()) {
    return;
  }
  std::size_t shares = std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(1, lines.size() / 64));
  std::vector<std::vector<DumpLine>> parsed(shares);
  std::vector<std::thread> workers;
  std::size_t per = (lines.size() + shares - 1) / shares;
  for (std::size_t s = 1; s < shares; ++s) {
    workers.emplace_back(parse_range, std::cref(lines), std::min(lines.size(), s * per),
                         std::min(lines.size(), (s + 1) * per), std::ref(parsed[s]));
  }
  parse_range(lines, 0, std::min(lines.size(), per), parsed[0]);
  for (std::thread& t : workers) {
    t.join();
  }
  for (std::vector<DumpLine>& share : parsed) {
    sink(share);
  }
}

std::uint64_t count_lines(std::string_view block) {
  return static_cast<std::uint64_t>(std::count(block.begin(), block.end(), '\n'));
}

util::Unexpected io_error(const std::string& path, int err) {
  util::ErrorCode code = err == ENOENT ? util::ErrorCode::not_found : util::ErrorCode::io;
  return util::make_error(code, std::strerror(err), path);
}

// Reads chunks from `fd`, parsing each run of whole lines as it completes.
class ChunkedReader {
public:
  ChunkedReader(const ReadOptions& options, const LineSink& sink, const ProgressSink& progress)
      : m_options(options), m_sink(sink), m_progress(progress) {}

  util::Status run(int fd, const std::string& path, std::uint64_t file_size);

private:
  void take_lines(bool eof);
  void skip_long_line();

  const ReadOptions& m_options;
  const LineSink& m_sink;
  const ProgressSink& m_progress;
  std::string m_buffer;      // the start of a line not yet complete, then what was read
  std::uint64_t m_line = 1;  // the number of the line m_buffer starts
  bool m_skipping = false;   // inside a line longer than max_line_bytes
  ReadProgress m_done;
};

util::Status ChunkedReader::run(int fd, const std::string& path, std::uint64_t file_size) {
  m_done.file_size = file_size;
  bool first = true;
  for (;;) {
    std::size_t kept = m_buffer.size();
    m_buffer.resize(kept + m_options.chunk_bytes);
    ssize_t n = ::read(fd, m_buffer.data() + kept, m_options.chunk_bytes);
    if (n < 0 && errno == EINTR) {
      m_buffer.resize(kept);
      continue;
    }
    if (n < 0) {
      return io_error(path, errno);
    }
    m_buffer.resize(kept + static_cast<std::size_t>(n));
    m_done.bytes_read += static_cast<std::uint64_t>(n);
    if (first && m_buffer.starts_with("\xEF\xBB\xBF")) {
      m_buffer.erase(0, 3);  // a UTF-8 byte order mark
    }
    first = false;
    take_lines(n == 0);
    if (m_progress) {
      m_done.lines = m_line - 1;
      m_progress(m_done);
    }
    if (n == 0) {
      return util::Ok{};
    }
  }
}

// Parses the whole lines in the buffer and keeps the incomplete last one;
// at the end of the file the last line needs no line feed.
void ChunkedReader::take_lines(bool eof) {
  if (m_skipping) {
    skip_long_line();
  }
  std::size_t end = eof ? m_buffer.size() : m_buffer.rfind('\n');
  if (end == std::string::npos) {
    if (m_buffer.size() > m_options.max_line_bytes) {
      std::vector<DumpLine> error;
      error.push_back(
          {m_line, util::make_error(util::ErrorCode::too_large,
                                    fmt::format("line longer than {} bytes", m_options.max_line_bytes))});
      m_sink(error);
      m_buffer.clear();
      m_skipping = true;
    }
    return;
  }
  end = eof ? end : end + 1;
  std::string_view block(m_buffer.data(), end);
  parse_block(block, m_line, m_options.threads, m_sink);
  m_line += count_lines(block);
  m_buffer.erase(0, end);
}

// Drops the rest of an over-long line (already reported).
void ChunkedReader::skip_long_line() {
  std::size_t newline = m_buffer.find('\n');
  if (newline == std::string::npos) {
    m_buffer.clear();
    return;
  }
  m_buffer.erase(0, newline + 1);
  ++m_line;
  m_skipping = false;
}

}  // namespace

void read_dump_text(std::string_view text, const ReadOptions& options, const LineSink& sink) {
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  parse_block(text, 1, options.threads, sink);
}

util::Status read_dump_file(const std::string& path,
                            const ReadOptions& options,
                            const LineSink& sink,
                            const ProgressSink& progress) {
  int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return io_error(path, errno);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return io_error(path, err);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return util::make_error(util::ErrorCode::is_directory, "is a directory", path);
  }
  std::uint64_t size = S_ISREG(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0;
  ChunkedReader reader(options, sink, progress);
  util::Status status = reader.run(fd, path, size);
  if (fd != STDIN_FILENO) {
    ::close(fd);
  }
  return status;
}

}  // namespace aperture::audit
