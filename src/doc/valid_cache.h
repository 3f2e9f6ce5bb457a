// Rule files found valid before, known again by the SHA-256 of their bytes.
//
// Schema validation is a third of rule loading, and rule loading is paid by
// every run before its first report. A file whose digest was recorded after
// it passed against the same schema is not validated again; an edited file
// has a new digest and is. The record is a text file of hex digests, one per
// line, in $OGICHECK_CACHE_DIR, else $XDG_CACHE_HOME/ogicheck, else
// ~/.cache/ogicheck (OGICHECK_CACHE_DIR set but empty: no record, every file
// validated). A record that cannot be read or written only costs time.
#pragma once

#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace ogi {

class ValidCache {
 public:
  // schema: the bytes of the schema the files are validated against; a
  // changed schema starts a record of its own.
  explicit ValidCache(std::string_view schema);
  bool known(const std::string& digest) const;
  void add(const std::string& digest);
  void save() const;  // when something was added

 private:
  std::string path_;  // empty: no record
  mutable std::mutex mutex_;
  std::set<std::string> known_;
  bool added_ = false;
};

}  // namespace ogi
