// The audit workflow around a batch (check): which inputs this process
// takes (--files-from, --shard), which report each is compared with
// (--previous DIR), and the review file's verdicts. `merge` builds the
// outputs of a sharded run from its JSON Lines parts.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "batch/pairing.h"
#include "ogicheck.h"

namespace ogi {

struct InputSelection {
  std::vector<std::string> args;  // FILE|DIR… as given
  std::string files_from;         // --files-from FILE|-, or empty
  std::size_t shard = 0, shards = 1;  // --shard K/N
  std::string output_dir;         // never read as input
};

// The inputs of this process, in order: the arguments' files and those of
// --files-from, less the output folder's, then this shard's. Throws
// InputError when the list cannot be read.
std::vector<std::string> select_inputs(const InputSelection& selection);

// --previous DIR: reads the agency and year of the inputs and of the
// folder's reports (`jobs` at a time) and pairs them. Throws InputError
// when the folder holds no report.
// `more`: candidates beside the folder's (a scan's reports of every year).
Pairing pair_inputs(const Checker& checker, const std::vector<std::string>& inputs, const std::string& previous_dir, int jobs,
                    const std::vector<std::string>& more = {});

struct MergeOptions {
  std::string format, output_dir, lang, fail_on;
  bool show_closed = false;
  bool summary = false, excel = false;  // csv: one row per input; the UTF-8 BOM
};
// `ogicheck merge PART.jsonl… --format html|csv|sarif`: the reports of the
// parts (check --format json), ordered by source, through the reporters.
// Returns the exit code (as check: 0, 1 findings at or above fail_on, 2).
int merge_parts(const Checker& checker, const std::vector<std::string>& parts, const MergeOptions& options);

}  // namespace ogi
