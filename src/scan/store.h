// The scan's state (--state DIR): fetched files by content (objects/SHA256.ext)
// and manifest.jsonl, one JSON object per fetch or check, appended and
// flushed as the run goes, so that an interrupted run resumes from it. The
// last line about a URL wins.
#pragma once

#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace ogi::scan {

struct StoredEntry {
  std::string url, kind, status, etag, last_modified, sha256, path, published, title, agency, robots, fetched_at;
  std::string checked_sha256;  // the content last checked (an unchanged one is not checked again)
  std::string form;            // the body of a POST: one URL may answer several forms
};

class Store {
 public:
  // Creates the folder, takes its lock (DIR/lock, flock: a second scan on
  // the same state throws InputError naming the holder's pid; a lock whose
  // process is gone is free, the kernel releases it), reads the manifest.
  explicit Store(const std::string& dir);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  const StoredEntry* find(const std::string& url, const std::string& form = {}) const;
  // Saves `bytes` as objects/SHA.ext; returns the path.
  std::string put(const std::string& bytes, const std::string& ext, std::string& sha256);
  void record(const StoredEntry& entry);  // appends to the manifest
  void mark_checked(const std::string& url, const std::string& sha256);
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::map<std::string, StoredEntry> entries_;
  std::ofstream manifest_;
  int lock_fd_ = -1;
};

// The manifest's times (doc/utc.h): 2026-01-20T08:00:00Z
inline constexpr const char* utc_timestamp = "%Y-%m-%dT%H:%M:%SZ";

}  // namespace ogi::scan
