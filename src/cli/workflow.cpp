#include "cli/workflow.h"

#include <algorithm>
#include <set>

#include "batch/inputs.h"
#include "batch/pairing.h"

namespace ogi {

std::vector<std::string> select_inputs(const InputSelection& s) {
  std::vector<std::string> files = expand_inputs(s.args);
  if (!s.files_from.empty())
    for (auto& f : expand_inputs(read_file_list(s.files_from))) files.push_back(std::move(f));
  drop_outputs(files, s.args, s.output_dir);
  // an empty shard is normal (a small batch, many shards); no input at all is a mistake
  if (s.shards > 1 && files.empty()) throw InputError("open", "没有输入文件", "no input file");
  if (s.shards > 1)
    std::erase_if(files, [&](const std::string& f) { return shard_of(input_key(f, s.args), s.shards) != s.shard; });
  return files;
}

Pairing pair_inputs(const Checker& checker, const std::vector<std::string>& inputs, const std::string& previous_dir, int jobs,
                    const std::vector<std::string>& more) {
  const std::vector<std::string> folder = expand_inputs({previous_dir});
  if (folder.empty() && more.empty())
    throw InputError("open", "上年报告文件夹 " + previous_dir + " 中没有报告", "the folder of last year's reports " + previous_dir + " holds no report");
  // The inputs may hold earlier years too (a folder of several years): read
  // each file once, inputs, folder and `more` alike (in that order).
  std::vector<std::string> all = inputs;
  const auto add = [&](const std::vector<std::string>& files) {
    for (const auto& f : files)
      if (std::find(all.begin(), all.end(), f) == all.end()) all.push_back(f);
  };
  add(folder);
  const std::size_t before_more = all.size();
  add(more);
  std::vector<ReportIdentity> identities;
  run_batch(checker, all, true, jobs, nullptr, [&](BatchItem& item) {
    // an unreadable file is said when it is checked; as a candidate it pairs with nothing
    if (item.result) identities.push_back({item.path, item.result->report.agency, item.result->report.year});
    else identities.push_back({item.path, {}, 0});
  });
  // One of `more` (the site's own copy of a year) is no second candidate
  // beside the folder's or an input's report of that body and year: the
  // folder named is the one meant, and two copies would leave the pair undecided.
  std::set<std::pair<std::string, int>> known;
  for (std::size_t i = 0; i < before_more; ++i) known.insert({agency_key(identities[i].agency), identities[i].year});
  std::vector<ReportIdentity> candidates(identities.begin(), identities.begin() + static_cast<std::ptrdiff_t>(before_more));
  for (std::size_t i = before_more; i < identities.size(); ++i)
    if (!known.contains({agency_key(identities[i].agency), identities[i].year})) candidates.push_back(identities[i]);
  const std::vector<ReportIdentity> of_inputs(identities.begin(), identities.begin() + static_cast<std::ptrdiff_t>(inputs.size()));
  return pair_reports(of_inputs, candidates);
}

}  // namespace ogi
