// Which inputs a run checks, and the names that identify them across runs
// (baselines, review files, shards): never the bare file name, which two
// bodies' reports share ("2024年报.pdf").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ogi {

// The name an input keeps wherever its folder is copied or mounted: its path
// relative to the folder argument it was found under (args as given on the
// command line); a file named directly, its path as given, lexically
// normalised; a URL, itself.
std::string input_key(const std::string& path, const std::vector<std::string>& args);

// The shard (0 … count-1) of an input key: FNV-1a, the same on every
// machine and every run, so that N processes split a folder without talking.
std::size_t shard_of(const std::string& key, std::size_t count);

// `--shard K/N`: K and N, or false when the text is not "K/N" with 0 <= K < N
// <= max_shards.
constexpr std::size_t max_shards = 1'000'000;
bool parse_shard(const std::string& text, std::size_t& index, std::size_t& count);

// `--files-from FILE|-`: one input per line (a CR before the newline is
// dropped; empty lines are skipped). Throws InputError when the file cannot
// be read or is over limits::file_list_bytes.
std::vector<std::string> read_file_list(const std::string& path);

// The inputs found in folders, less those inside `output_dir` (a previous
// run's pages would be read as reports). Files named directly are kept.
void drop_outputs(std::vector<std::string>& files, const std::vector<std::string>& args, const std::string& output_dir);

}  // namespace ogi
