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

class Input {
 public:
  explicit Input(std::string_view bytes) : bytes(bytes) {}
  std::string_view bytes;
  // The bytes as a file, for extractors that take a path: one anonymous
  // in-memory file (memfd) per process, rewritten for each input, opened as
  // /proc/self/fd/N; it vanishes with the process.
  const std::string& path() const {
    static const int fd = memfd_create("ogicheck-fuzz", MFD_CLOEXEC);
    static const std::string name = "/proc/self/fd/" + std::to_string(fd);
    if (fd < 0 || ftruncate(fd, 0) != 0) std::abort();
    for (std::size_t done = 0; done < bytes.size();) {
      const ssize_t n = pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
      if (n <= 0) std::abort();
      done += static_cast<std::size_t>(n);
    }
    return name;
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
