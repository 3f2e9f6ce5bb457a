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
  // Removes the findings the baseline accepts for this input. `key` names
  // the input as batch/inputs.h input_key does: its path relative to the
  // folder it was found in, or its URL.
  void filter(const std::string& key, std::vector<Finding>& findings) const;
  void add(const std::string& key, const std::vector<Finding>& findings);
  void save(const std::string& path) const;

 private:
  // By the input's key, never the bare file name (two bodies' reports are
  // often both "2024年报.pdf"). Baselines of version 1 named the file only
  // ("file"): their entries still match any input of that file name. The
  // rule is kept for people reading the file.
  struct Entry {
    std::string key, file, rule, fingerprint;
    auto operator<=>(const Entry& o) const { return std::tie(key, file, fingerprint) <=> std::tie(o.key, o.file, o.fingerprint); }
    bool operator==(const Entry& o) const { return key == o.key && file == o.file && fingerprint == o.fingerprint; }
  };
  std::set<Entry> entries_;
};

}  // namespace ogi
