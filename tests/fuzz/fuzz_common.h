// The libFuzzer entry points, shared by every harness. A harness includes
// this header once and defines fuzz::init() (once per process) and
// fuzz::one() (per input). An ogi::InputError (the input is not a readable
// report) is an expected outcome; any other exception escaping one(), a
// crash, a leak, a timeout or running out of memory is a finding.
#pragma once

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "doc/input_error.h"

namespace fuzz {

// An anonymous in-memory file (memfd), opened by path as /proc/self/fd/N:
// for the extractors that take a path. It vanishes with the process.
class MemFile {
 public:
  MemFile() : fd_(memfd_create("ogicheck-fuzz", MFD_CLOEXEC)), path_("/proc/self/fd/" + std::to_string(fd_)) {
    if (fd_ < 0) std::abort();
  }
  const std::string& path() const { return path_; }
  void write(std::string_view bytes) const {
    if (ftruncate(fd_, 0) != 0) std::abort();
    for (std::size_t done = 0; done < bytes.size();) {
      const ssize_t n = pwrite(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
      if (n <= 0) std::abort();
      done += static_cast<std::size_t>(n);
    }
  }
  std::string read() const {
    std::string out(static_cast<std::size_t>(lseek(fd_, 0, SEEK_END)), '\0');
    if (pread(fd_, out.data(), out.size(), 0) != static_cast<ssize_t>(out.size())) std::abort();
    return out;
  }

 private:
  int fd_;
  std::string path_;
};

class Input {
 public:
  explicit Input(std::string_view bytes) : bytes(bytes) {}
  std::string_view bytes;
  // The bytes as a file, rewritten for each input.
  const std::string& path() const {
    static const MemFile file;
    file.write(bytes);
    return file.path();
  }
};

void init();
void one(const Input& input);

inline void ignore_error(void*, const char*, ...) {}

}  // namespace fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // libxml2 reports parse and XPath errors on stderr unless told otherwise;
  // the PDF extractor silences poppler's error hook itself.
  xmlInitParser();
  xmlSetGenericErrorFunc(nullptr, fuzz::ignore_error);
  xmlSetStructuredErrorFunc(nullptr, [](void*, xmlErrorPtr) {});
  fuzz::init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    fuzz::one(fuzz::Input({reinterpret_cast<const char*>(data), size}));
  } catch (const ogi::InputError&) {
  }
  return 0;
}
