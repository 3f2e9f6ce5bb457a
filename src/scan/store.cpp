#include "scan/store.h"

#include <ctime>
#include <filesystem>
#include <stdexcept>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "doc/files.h"
#include "doc/input_error.h"
#include "doc/sha256.h"
#include "doc/utc.h"

namespace ogi::scan {

namespace {

nlohmann::json to_json(const StoredEntry& e) {
  nlohmann::json j = {{"url", e.url}, {"kind", e.kind}, {"status", e.status}};
  auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
  };
  put("etag", e.etag), put("last_modified", e.last_modified), put("sha256", e.sha256), put("path", e.path);
  put("published", e.published), put("title", e.title), put("agency", e.agency), put("robots", e.robots);
  put("fetched_at", e.fetched_at), put("checked_sha256", e.checked_sha256), put("form", e.form);
  if (!e.checked_sha256.empty()) j["checked_at"] = utc_text(std::time(nullptr), utc_timestamp);
  return j;
}

StoredEntry from_json(const nlohmann::json& j) {
  auto get = [&](const char* key) { return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string(); };
  return {get("url"), get("kind"), get("status"), get("etag"), get("last_modified"), get("sha256"), get("path"),
          get("published"), get("title"), get("agency"), get("robots"), get("fetched_at"), get("checked_sha256"), get("form")};
}

std::string key_of(const std::string& url, const std::string& form) { return form.empty() ? url : url + '\n' + form; }

// An exclusive flock on DIR/lock, which then holds our pid (for the
// message of the next one who tries).
int locked(const std::string& dir) {
  const std::string path = dir + "/lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) throw InputError("open", "无法创建锁文件 " + path, "cannot create the lock file " + path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char holder[32] = {};
    const ssize_t n = ::pread(fd, holder, sizeof holder - 1, 0);
    ::close(fd);
    std::string pid = n > 0 ? std::string(holder, static_cast<std::size_t>(n)) : "?";
    pid.erase(pid.find_last_not_of(" \n") + 1);
    throw InputError("open", "状态文件夹 " + dir + " 正由另一个 ogicheck scan（进程 " + pid + "）使用；请等它结束，或换用另一个 --state",
                     "the state folder " + dir + " is in use by another ogicheck scan (pid " + pid + "); wait for it or use another --state");
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    ::close(fd);
    throw InputError("open", "无法写入锁文件 " + path, "cannot write the lock file " + path);
  }
  return fd;
}

}  // namespace

// absolute: the manifest's paths stay right from any working folder
Store::Store(const std::string& dir) : dir_(std::filesystem::absolute(dir).lexically_normal().string()) {
  std::error_code ec;
  std::filesystem::create_directories(dir_ + "/objects", ec);
  if (ec) throw InputError("open", "无法创建状态文件夹 " + dir_, "cannot create the state folder " + dir_);
  lock_fd_ = locked(dir_);
  const std::string path = dir_ + "/manifest.jsonl";
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    // a line cut short by an interrupted run is passed over
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("url")) continue;
    StoredEntry entry = from_json(j);
    auto& slot = entries_[key_of(entry.url, entry.form)];
    if (entry.kind == "checked") slot.checked_sha256 = entry.checked_sha256;
    else {
      entry.checked_sha256 = slot.checked_sha256;
      slot = entry;
    }
  }
  manifest_.open(path, std::ios::app);
  if (!manifest_) throw InputError("open", "无法写入 " + path, "cannot write " + path);
}

Store::~Store() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the lock
}

const StoredEntry* Store::find(const std::string& url, const std::string& form) const {
  const auto it = entries_.find(key_of(url, form));
  return it == entries_.end() ? nullptr : &it->second;
}

std::string Store::put(const std::string& bytes, const std::string& ext, std::string& sha256) {
  sha256 = sha256_hex(bytes);
  const std::string path = dir_ + "/objects/" + sha256 + ext;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && !write_file_whole(path, bytes))  // a killed run leaves no half object
    throw InputError("open", "无法写入 " + path, "cannot write " + path);
  return path;
}

void Store::record(const StoredEntry& entry) {
  auto& slot = entries_[key_of(entry.url, entry.form)];
  const std::string checked = slot.checked_sha256;
  slot = entry;
  slot.checked_sha256 = checked;
  manifest_ << to_json(entry).dump() << '\n' << std::flush;
}

void Store::mark_checked(const std::string& url, const std::string& sha256) {
  entries_[url].checked_sha256 = sha256;
  StoredEntry line;
  line.url = url, line.kind = "checked", line.status = "checked", line.checked_sha256 = sha256;
  manifest_ << to_json(line).dump() << '\n' << std::flush;
}

}  // namespace ogi::scan
