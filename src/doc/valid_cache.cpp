#include "doc/valid_cache.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "doc/sha256.h"

namespace ogi {
namespace {

// A record larger than this is not read (and so starts again): thousands of
// rule file versions, far more than one machine meets.
constexpr std::uintmax_t max_record_bytes = 1 << 20;
constexpr std::size_t digest_chars = 64;

std::filesystem::path cache_folder() {
  if (const char* dir = std::getenv("OGICHECK_CACHE_DIR")) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "ogicheck";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cache" / "ogicheck";
  return {};
}

}  // namespace

ValidCache::ValidCache(std::string_view schema) {
  const std::filesystem::path folder = cache_folder();
  if (folder.empty()) return;
  path_ = (folder / ("valid-rules-" + sha256_hex(schema).substr(0, 16) + ".txt")).string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path_, ec) || std::filesystem::file_size(path_, ec) > max_record_bytes) return;
  std::ifstream in(path_);
  for (std::string line; std::getline(in, line);)
    if (line.size() == digest_chars && line.find_first_not_of("0123456789abcdef") == std::string::npos) known_.insert(line);
}

bool ValidCache::known(const std::string& digest) const {
  const std::lock_guard lock(mutex_);
  return known_.contains(digest);
}

void ValidCache::add(const std::string& digest) {
  const std::lock_guard lock(mutex_);
  added_ = known_.insert(digest).second || added_;
}

void ValidCache::save() const {
  const std::lock_guard lock(mutex_);
  if (path_.empty() || !added_) return;
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ec);
  // Written beside and renamed over: a reader never sees half a record.
  const std::string temporary = path_ + "." + std::to_string(getpid()) + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (const auto& d : known_) out << d << '\n';
    if (!out.flush()) {
      std::filesystem::remove(temporary, ec);
      return;
    }
  }
  std::filesystem::rename(temporary, path_, ec);
  if (ec) std::filesystem::remove(temporary, ec);
}

}  // namespace ogi
