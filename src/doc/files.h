// Reading the small files ogicheck is given besides reports (rule files,
// profiles, config, baselines): only regular files, never more than a bound,
// so `--config /dev/zero` or a FIFO cannot hang or exhaust memory.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ogi {

// The size of a regular file of at most max_bytes. Throws InputError:
// "open" when it is missing, a folder, a device or a FIFO (which would
// block or never end), "limit" when larger.
std::uint64_t regular_file_size(const std::string& path, std::uint64_t max_bytes);

// The whole file, as regular_file_size allows; the messages name the file
// and its role (`what`: "配置文件" / "the config file").
std::string read_regular_file(const std::string& path, std::uint64_t max_bytes, const std::string& what_zh,
                              const std::string& what_en);

// Writes `bytes` as the file `path`, whole or not at all: into a file
// beside it (named by process and thread, so parallel writers never share
// one) renamed over it when complete, so that a reader, a parallel run or
// a killed one never sees half. False (and nothing left behind) when it
// cannot be written.
bool write_file_whole(const std::string& path, std::string_view bytes);

}  // namespace ogi
