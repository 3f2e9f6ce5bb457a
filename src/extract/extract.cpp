// Sniffs the input format from its bytes and dispatches to its extractor.
#include <algorithm>
#include <fstream>

#include "extract/extract.h"

namespace ogi {

Document extract_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw InputError("无法打开文件", "cannot open the file");
  std::string bytes(static_cast<std::size_t>(std::max<std::streamoff>(in.tellg(), 0)), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    throw InputError("无法读取文件", "cannot read the file");
  if (bytes.find_first_not_of(" \t\r\n") == std::string::npos) throw InputError("文件为空", "the file is empty");
  // PDF readers accept the header anywhere in the first 1024 bytes.
  if (const auto at = bytes.find("%PDF-"); at != std::string::npos && at < 1024) return extract_pdf(bytes, path);
  if (bytes.starts_with("PK\x03\x04")) throw InputError("暂不支持 DOCX 输入", "DOCX input is not supported yet");
  return extract_text(decode_text(bytes), path);
}

}  // namespace ogi
