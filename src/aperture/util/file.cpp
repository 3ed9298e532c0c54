#include <aperture/util/file.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aperture::util {

namespace {

Unexpected errno_error(const std::string& path, int err) {
  ErrorCode code = err == ENOENT ? ErrorCode::not_found : ErrorCode::io;
  std::string message = err == ENOENT ? "no such file" : std::strerror(err);
  return make_error(code, message, path);
}

// Reads from `fd` until EOF, failing once more than `max_size` bytes arrive.
Result<std::string> read_all(int fd, const std::string& path, std::uint64_t max_size) {
  std::string data;
  char buffer[1 << 16];
  while (true) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return errno_error(path, errno);
    }
    if (n == 0) {
      return data;
    }
    if (data.size() + static_cast<std::uint64_t>(n) > max_size) {
      return make_error(ErrorCode::too_large,
                        "larger than the " + std::to_string(max_size / (1024 * 1024)) +
                            " MiB limit",
                        path);
    }
    data.append(buffer, static_cast<std::size_t>(n));
  }
}

// Reads up to `n` bytes from the start of `fd` into `out`, stopping early at EOF.
Status read_prefix(int fd, std::uint64_t n, std::string& out, const std::string& path) {
  out.resize(static_cast<std::size_t>(n));
  std::size_t done = 0;
  while (done < out.size()) {
    ssize_t got = ::pread(fd, out.data() + done, out.size() - done, static_cast<off_t>(done));
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      return errno_error(path, errno);
    }
    if (got == 0) {
      break;
    }
    done += static_cast<std::size_t>(got);
  }
  out.resize(done);
  return Ok{};
}

}  // namespace

Result<std::string> read_file(const std::string& path, std::uint64_t max_size) {
  if (path == "-") {
    return read_all(STDIN_FILENO, "<stdin>", max_size);
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return errno_error(path, errno);
  }
  if (S_ISDIR(st.st_mode)) {
    return make_error(ErrorCode::is_directory, "is a directory", path);
  }
  if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > max_size) {
    return make_error(ErrorCode::too_large,
                      "larger than the " + std::to_string(max_size / (1024 * 1024)) +
                          " MiB limit",
                      path);
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return errno_error(path, errno);
  }
  Result<std::string> result = read_all(fd, path, max_size);
  ::close(fd);
  return result;
}

Result<FileHead> read_file_head(const std::string& path, std::uint64_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    return errno_error(path, errno);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return errno_error(path, err);
  }
  if (S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return S_ISDIR(st.st_mode) ? make_error(ErrorCode::is_directory, "is a directory", path)
                               : make_error(ErrorCode::io, "not a regular file", path);
  }
  FileHead head;
  head.file_size = static_cast<std::uint64_t>(st.st_size);
  Status read = read_prefix(fd, std::min(max_bytes, head.file_size), head.bytes, path);
  ::close(fd);
  if (!read) {
    return Unexpected{read.error()};
  }
  return head;
}

Status write_file_atomic(const std::string& path, std::string_view data) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) {
    return errno_error(tmp, errno);
  }
  bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  ok = std::fflush(f) == 0 && ok;
  ok = ::fsync(::fileno(f)) == 0 && ok;
  ok = std::fclose(f) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    std::remove(tmp.c_str());
    return errno_error(path, err);
  }
  return Ok{};
}

}  // namespace aperture::util
