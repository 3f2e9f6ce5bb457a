// Review files: a supervisor's verdict on findings (accepted, not a
// defect, fixed), so that the next audit shows what is new or still open.
//
// {"ogicheck-review": 1, "reviews": [{"source": "区县/教育局.pdf",
//   "agency": "某市教育局", "year": 2024, "rule": "ARI-05",
//   "fingerprint": "…", "state": "accepted", "reason": "…",
//   "reviewer": "…", "date": "2025-03-01"}]}
//
// An entry names its report by `source` (the path relative to the input
// folder, or the URL: batch/inputs.h input_key), or by `agency` and `year`
// (compared as pairing compares them), or both: either matches. Never by
// the bare file name.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rules/finding.h"

namespace ogi {

class ReviewFile {
 public:
  // Throws InputError naming the file and the entry when it cannot be read,
  // is not a review file, or an entry lacks what it needs.
  static ReviewFile load(const std::string& path);
  // Sets Finding::review on the findings of one report that an entry names.
  void mark(const std::string& key, const std::string& agency, int year, std::vector<Finding>& findings) const;

  static bool is_closed(const std::string& state) { return state == "accepted" || state == "not-a-defect"; }

  // --write-review: an entry per finding of the run, its verdict kept when
  // it had one, else state "" for a reviewer to fill in (such entries are
  // skipped when the file is read); saved in source order. Throws InputError "write".
  void add(const std::string& key, const std::string& agency, int year, const std::vector<Finding>& findings);
  void save(const std::string& path);

 private:
  struct Entry {
    std::string source, agency_key;
    int year = 0;
    Finding::Review review;
  };
  std::multimap<std::string, Entry> by_fingerprint_;
  nlohmann::ordered_json written_ = nlohmann::ordered_json::array();
};

}  // namespace ogi
