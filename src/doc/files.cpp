#include "doc/files.h"

#include <sys/stat.h>

#include <fstream>

#include "doc/input_error.h"

namespace ogi {

std::string read_regular_file(const std::string& path, std::uint64_t max_bytes, const std::string& what_zh,
                              const std::string& what_en) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0)
    throw InputError("open", what_zh + "不存在或无法访问：" + path, what_en + " does not exist or cannot be accessed: " + path);
  if (S_ISDIR(st.st_mode))
    throw InputError("open", what_zh + "是文件夹，不是文件：" + path, what_en + " is a folder, not a file: " + path);
  if (!S_ISREG(st.st_mode))
    throw InputError("open", what_zh + "不是普通文件（设备或管道）：" + path,
                     what_en + " is not a regular file (a device or a pipe): " + path);
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes)
    throw InputError("limit", what_zh + "过大（上限 " + std::to_string(max_bytes >> 20) + " MB）：" + path,
                     what_en + " is too large (limit " + std::to_string(max_bytes >> 20) + " MB): " + path);
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    throw InputError("open", what_zh + "无法读取：" + path, what_en + " cannot be read: " + path);
  return bytes;
}

}  // namespace ogi
