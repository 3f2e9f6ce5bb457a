#include "doc/files.h"

#include <sys/stat.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "doc/input_error.h"

namespace ogi {

std::uint64_t regular_file_size(const std::string& path, std::uint64_t max_bytes) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) throw InputError("open", "文件不存在或无法访问", "the file does not exist or cannot be accessed");
  if (S_ISDIR(st.st_mode)) throw InputError("open", "是文件夹，不是文件", "a folder, not a file");
  if (!S_ISREG(st.st_mode))
    throw InputError("open", "不是普通文件（设备或管道），无法读取", "not a regular file (a device or a pipe)");
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    const std::string mb = std::to_string(max_bytes >> 20);
    throw InputError("limit", "文件过大（超过 " + mb + " MB），无法读取", "the file is larger than " + mb + " MB");
  }
  return static_cast<std::uint64_t>(st.st_size);
}

std::string read_regular_file(const std::string& path, std::uint64_t max_bytes, const std::string& what_zh,
                              const std::string& what_en) {
  try {
    std::string bytes(regular_file_size(path, max_bytes), '\0');
    std::ifstream in(path, std::ios::binary);
    if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
      throw InputError("open", "无法读取", "cannot be read");
    return bytes;
  } catch (const InputError& e) {
    throw InputError(e.code, what_zh + " " + path + "：" + e.zh, what_en + " " + path + ": " + e.en);
  }
}

bool write_file_whole(const std::string& path, std::string_view bytes) {
  const std::string partial = path + "." + std::to_string(getpid()) + "-" +
                              std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id())) + ".part";
  std::error_code ec;
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      std::filesystem::remove(partial, ec);
      return false;
    }
  }
  std::filesystem::rename(partial, path, ec);
  if (ec) std::filesystem::remove(partial, ec);
  return !ec;
}

}  // namespace ogi
