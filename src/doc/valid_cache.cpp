#include "doc/valid_cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>

#include "doc/files.h"

namespace ogi {
namespace {

// A record larger than this is not read (and so starts again): thousands of
// rule file versions, far more than one machine meets.
constexpr std::uintmax_t max_record_bytes = 1 << 20;
// Records of other rule folders (or of schemas since edited) not written for
// this long are removed when a record is saved.
constexpr auto stale_record_age = std::chrono::hours(24 * 30);
// Files changed more recently than this are validated but not recorded.
constexpr std::time_t settle_seconds = 2;

std::filesystem::path cache_folder() {
  if (const char* dir = std::getenv("OGICHECK_CACHE_DIR")) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "ogicheck";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cache" / "ogicheck";
  return {};
}

// "size mtime-seconds.nanoseconds inode absolute-path"; empty when the file
// cannot be seen, or changed too recently to be told from its next edit.
std::string stat_key(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || std::time(nullptr) - st.st_mtim.tv_sec < settle_seconds) return {};
  std::error_code ec;
  const std::string absolute = std::filesystem::absolute(path, ec).string();
  return std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) +
         " " + std::to_string(st.st_ino) + " " + absolute;
}

}  // namespace

ValidCache::ValidCache(const std::string& record, const std::vector<std::string>& depends_on) {
  const std::filesystem::path folder = cache_folder();
  if (folder.empty()) return;
  header_ = "ogicheck valid " + record + " 2";
  for (const auto& file : depends_on) {
    const std::string key = stat_key(file);
    if (key.empty()) return;  // a dependency just changed: no record this time
    header_ += " | " + key;
  }
  // A record per set of dependencies: two rule folders (a package and a
  // working tree) do not overwrite each other's record. The name only tells
  // records apart; the first line decides.
  char name[17];
  std::snprintf(name, sizeof name, "%016zx", std::hash<std::string>{}(header_));
  path_ = (folder / ("valid-" + record + "-" + name + ".txt")).string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path_, ec) || std::filesystem::file_size(path_, ec) > max_record_bytes) return;
  std::ifstream in(path_);
  std::string line;
  if (!std::getline(in, line) || line != header_) return;
  while (std::getline(in, line)) known_.insert(line);
}

bool ValidCache::known(const std::string& path, const std::string& variant) const {
  if (path_.empty()) return false;
  const std::string key = stat_key(path);
  const std::lock_guard lock(mutex_);
  return !key.empty() && known_.contains(variant + " " + key);
}

void ValidCache::add(const std::string& path, const std::string& variant) {
  if (path_.empty()) return;
  const std::string key = stat_key(path);
  if (key.empty()) return;
  const std::lock_guard lock(mutex_);
  added_ = known_.insert(variant + " " + key).second || added_;
}

void ValidCache::save() const {
  const std::lock_guard lock(mutex_);
  if (path_.empty() || !added_) return;
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ec);
  std::string text = header_ + '\n';
  for (const auto& key : known_) text += key + '\n';
  if (!write_file_whole(path_, text)) return;  // a reader never sees half a record; one not written costs only time
  remove_stale_records();
}

void ValidCache::remove_stale_records() const {
  const std::filesystem::path mine(path_);
  const std::string kind = mine.filename().string().substr(0, mine.filename().string().rfind('-') + 1);  // "valid-rules-"
  const auto now = std::filesystem::file_time_type::clock::now();
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(mine.parent_path(), ec)) {
    const std::string name = e.path().filename().string();
    if (e.path() == mine || !name.starts_with(kind) || !name.ends_with(".txt")) continue;
    if (const auto written = e.last_write_time(ec); !ec && now - written > stale_record_age) std::filesystem::remove(e.path(), ec);
  }
}

}  // namespace ogi
