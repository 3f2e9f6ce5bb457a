#include "cli/workflow.h"

#include <algorithm>

#include "batch/inputs.h"

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
  std::vector<std::string> candidates = expand_inputs({previous_dir});
  candidates.insert(candidates.end(), more.begin(), more.end());
  if (candidates.empty())
    throw InputError("open", "上年报告文件夹 " + previous_dir + " 中没有报告", "the folder of last year's reports " + previous_dir + " holds no report");
  // The inputs may hold earlier years too (a folder of several years): read
  // each file once, inputs and folder alike.
  std::vector<std::string> all = inputs;
  for (auto& c : candidates)
    if (std::find(all.begin(), all.end(), c) == all.end()) all.push_back(std::move(c));
  std::vector<ReportIdentity> identities;
  run_batch(checker, all, true, jobs, nullptr, [&](BatchItem& item) {
    // an unreadable file is said when it is checked; as a candidate it pairs with nothing
    if (item.result) identities.push_back({item.path, item.result->report.agency, item.result->report.year});
    else identities.push_back({item.path, {}, 0});
  });
  const std::vector<ReportIdentity> of_inputs(identities.begin(), identities.begin() + static_cast<std::ptrdiff_t>(inputs.size()));
  return pair_reports(of_inputs, identities);
}

}  // namespace ogi
