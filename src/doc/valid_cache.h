// Rule and profile files found valid before, known again by their path, size and time of
// last change (as make and git know an unchanged file).
//
// Schema validation is a third of rule loading, and rule loading is paid by
// every run before its first report. A file recorded after it passed, and
// not changed since, is not validated again; an edited file has a new size
// or time and is. Hashing the bytes instead costs as much as validating them
// (OpenSSL's set-up alone is 3.5 M instructions). A file changed less than
// `settle_seconds` ago is not recorded: a second edit within the file
// system's clock tick would keep its time (git's "racy" case).
//
// A record is a text file (one per set of schemas and profiles, so two rule
// folders keep a record each) in $OGICHECK_CACHE_DIR, else
// $XDG_CACHE_HOME/ogicheck, else ~/.cache/ogicheck (OGICHECK_CACHE_DIR set
// but empty: no record, every file validated). Its first line names the
// files every check depends on (the schemas, the profiles) the same way: a
// change to any of them starts a record of its own; records not written for
// 30 days are removed when another is saved. A record that cannot be
// read or written only costs time.
#pragma once

#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace ogi {

class ValidCache {
 public:
  // record: the record's name ("rules", "profiles"); depends_on: files whose
  // change makes every entry stale.
  ValidCache(const std::string& record, const std::vector<std::string>& depends_on);
  // variant: what was checked of the file ("with examples" or not).
  bool known(const std::string& path, const std::string& variant) const;
  void add(const std::string& path, const std::string& variant);
  void save() const;  // when something was added

 private:
  void remove_stale_records() const;
  std::string path_;  // empty: no record
  std::string header_;
  mutable std::mutex mutex_;
  std::set<std::string> known_;
  bool added_ = false;
};

}  // namespace ogi
