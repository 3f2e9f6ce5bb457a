// Reading the small files ogicheck is given besides reports (rule files,
// profiles, config, baselines): only regular files, never more than a bound,
// so `--config /dev/zero` or a FIFO cannot hang or exhaust memory.
#pragma once

#include <cstdint>
#include <string>

namespace ogi {

// The whole file. Throws InputError: "open" when it is missing, a folder, a
// device or a FIFO, or unreadable; "limit" when larger than max_bytes.
// `what` names the file's role in the message ("配置文件" / "config file").
std::string read_regular_file(const std::string& path, std::uint64_t max_bytes, const std::string& what_zh,
                              const std::string& what_en);

}  // namespace ogi
