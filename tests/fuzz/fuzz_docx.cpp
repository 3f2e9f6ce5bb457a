// DOCX drafts: a file -> minizip + libxml2 -> Document.
//
// Mutating a zip's deflated bytes almost never gets past its checksums, so
// the custom mutator below unpacks the archive, lets libFuzzer mutate one
// part (mostly the document), and packs it again with correct checksums;
// one mutation in eight is of the archive's raw bytes.
#include <unzip.h>
#include <zip.h>

#include <utility>
#include <vector>

#include "extract/extract.h"
#include "fuzz_common.h"

void fuzz::init() {}
void fuzz::one(const Input& in) { ogi::extract_docx(in.path()); }

namespace {

using Parts = std::vector<std::pair<std::string, std::string>>;  // name, content

// Every part of the archive, or nothing when it is not a zip or holds more than `budget` bytes.
Parts unpack(const std::string& path, std::size_t budget) {
  Parts parts;
  unzFile zip = unzOpen64(path.c_str());
  if (!zip) return {};
  for (int at = unzGoToFirstFile(zip); at == UNZ_OK; at = unzGoToNextFile(zip)) {
    char name[512];
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(zip, &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK ||
        info.uncompressed_size > budget || unzOpenCurrentFile(zip) != UNZ_OK)
      break;
    std::string content(static_cast<std::size_t>(info.uncompressed_size), '\0');
    const int n = unzReadCurrentFile(zip, content.data(), static_cast<unsigned>(content.size()));
    unzCloseCurrentFile(zip);
    if (n < 0) break;
    content.resize(static_cast<std::size_t>(n));
    budget -= content.size();
    parts.emplace_back(name, std::move(content));
  }
  unzClose(zip);
  return parts;
}

void pack(const std::string& path, const Parts& parts) {
  zipFile zip = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  if (!zip) std::abort();
  for (const auto& [name, content] : parts) {
    zipOpenNewFileInZip64(zip, name.c_str(), nullptr, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, 1, 0);
    zipWriteInFileInZip(zip, content.data(), static_cast<unsigned>(content.size()));
    zipCloseFileInZip(zip);
  }
  zipClose(zip, nullptr);
}

}  // namespace

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                               unsigned seed) {
  static const fuzz::MemFile file;
  file.write({reinterpret_cast<const char*>(data), size});
  Parts parts = seed % 8 ? unpack(file.path(), 32 * max_size) : Parts{};
  if (parts.empty()) return LLVMFuzzerMutate(data, size, max_size);
  std::size_t pick = (seed / 8) % parts.size();
  for (std::size_t i = 0; i < parts.size() && seed % 3; ++i)
    if (parts[i].first == "word/document.xml") pick = i;
  std::string& part = parts[pick].second;
  const std::size_t length = part.size();
  part.resize(length + 256);
  part.resize(LLVMFuzzerMutate(reinterpret_cast<std::uint8_t*>(part.data()), length, part.size()));
  pack(file.path(), parts);
  const std::string zip = file.read();
  if (zip.size() > max_size) return LLVMFuzzerMutate(data, size, max_size);
  std::copy(zip.begin(), zip.end(), data);
  return zip.size();
}
