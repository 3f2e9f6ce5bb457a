// Known findings to accept: a repeated scan shows only what is new.
#pragma once

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "rules/finding.h"

namespace ogi {

class Baseline {
 public:
  // Throws InputError when the file cannot be read or is not a baseline.
  static Baseline load(const std::string& path);
  // Removes the findings the baseline accepts for this source.
  void filter(const std::string& source, std::vector<Finding>& findings) const;
  void add(const std::string& source, const std::vector<Finding>& findings);
  void save(const std::string& path) const;

 private:
  // By file name, not path: the same report scanned from another folder
  // matches. The rule is kept for people reading the file.
  struct Entry {
    std::string file, rule, fingerprint;
    auto operator<=>(const Entry& o) const { return std::tie(file, fingerprint) <=> std::tie(o.file, o.fingerprint); }
    bool operator==(const Entry& o) const { return file == o.file && fingerprint == o.fingerprint; }
  };
  std::set<Entry> entries_;
};

}  // namespace ogi
