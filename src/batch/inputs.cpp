#include "batch/inputs.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "doc/files.h"
#include "doc/input_error.h"
#include "doc/limits.h"

namespace ogi {
namespace {

namespace fs = std::filesystem;

bool is_url(const std::string& s) { return s.find("://") != std::string::npos; }

// `path` inside the folder `dir`: its path relative to it, else empty.
std::string inside(const std::string& path, const std::string& dir) {
  const fs::path rel = fs::path(path).lexically_normal().lexically_relative(fs::path(dir).lexically_normal());
  if (rel.empty() || *rel.begin() == ".." || rel == ".") return {};
  return rel.generic_string();
}

bool is_folder(const std::string& arg) {
  std::error_code ec;
  return fs::is_directory(arg, ec);
}

}  // namespace

std::string input_key(const std::string& path, const std::vector<std::string>& args) {
  if (is_url(path)) return path;
  for (const auto& arg : args)
    if (is_folder(arg))
      if (std::string rel = inside(path, arg); !rel.empty()) return rel;
  return fs::path(path).lexically_normal().generic_string();
}

std::size_t shard_of(const std::string& key, std::size_t count) {
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a, 64 bits
  for (unsigned char c : key) hash = (hash ^ c) * 1099511628211ULL;
  return static_cast<std::size_t>(hash % count);
}

bool parse_shard(const std::string& text, std::size_t& index, std::size_t& count) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return false;
  auto number = [](std::string_view s, std::size_t& out) {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && ec == std::errc() && end == s.data() + s.size();
  };
  return number(std::string_view(text).substr(0, slash), index) && number(std::string_view(text).substr(slash + 1), count) &&
         count > 0 && count <= max_shards && index < count;
}

std::vector<std::string> read_file_list(const std::string& path) {
  std::string text;
  if (path == "-") {
    // stdin: read at most the limit, then refuse rather than grow without end
    char chunk[65536];
    while (text.size() <= limits::file_list_bytes && std::cin.read(chunk, sizeof chunk).gcount() > 0)
      text.append(chunk, static_cast<std::size_t>(std::cin.gcount()));
    if (text.size() > limits::file_list_bytes)
      throw InputError("limit", "--files-from 的标准输入超过 " + std::to_string(limits::file_list_bytes >> 20) + " MB",
                       "--files-from: standard input is larger than " + std::to_string(limits::file_list_bytes >> 20) + " MB");
  } else {
    text = read_regular_file(path, limits::file_list_bytes, "文件列表", "the file list");
  }
  std::vector<std::string> files;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) files.push_back(line);
  }
  return files;
}

void drop_outputs(std::vector<std::string>& files, const std::vector<std::string>& args, const std::string& output_dir) {
  if (output_dir.empty()) return;
  std::error_code ec;
  const std::string out = fs::weakly_canonical(output_dir, ec).string();
  if (ec) return;
  std::vector<std::string> named;  // the files named directly stay
  for (const auto& a : args)
    if (!is_folder(a)) named.push_back(a);
  std::erase_if(files, [&](const std::string& f) {
    if (std::find(named.begin(), named.end(), f) != named.end()) return false;
    std::error_code e;
    return !inside(fs::weakly_canonical(f, e).string(), out).empty();
  });
}

}  // namespace ogi
