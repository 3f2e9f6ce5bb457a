#include "rules/baseline.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "doc/files.h"
#include "doc/input_error.h"
#include "doc/limits.h"
#include "doc/utf8.h"

namespace ogi {
namespace {

// Not UTF-8 (a GBK name) would not go into JSON: its bytes are written as \xNN.
std::string file_name(const std::string& source) { return valid_utf8(std::filesystem::path(source).filename().string()); }

}  // namespace

Baseline Baseline::load(const std::string& path) {
  const std::string text = read_regular_file(path, limits::baseline_bytes, "基线文件", "the baseline");
  Baseline b;
  try {
    const auto j = nlohmann::json::parse(text);  // kept alive for the loop below
    for (const auto& f : j.at("findings")) {
      const std::string key = f.value("path", ""), file = key.empty() ? f.at("file").get<std::string>() : "";
      b.entries_.insert({key, file, f.value("rule", ""), f.at("fingerprint").get<std::string>()});
    }
  } catch (const nlohmann::json::exception&) {
    throw InputError("open", "基线文件 " + path + " 不是 ogicheck 的基线（应为 --write-baseline 写出的 JSON）",
                     "the baseline " + path + " is not an ogicheck baseline (the JSON that --write-baseline writes)");
  }
  return b;
}

void Baseline::filter(const std::string& key, std::vector<Finding>& findings) const {
  const std::string path = valid_utf8(key), name = file_name(key);
  std::erase_if(findings, [&](const Finding& f) {
    return entries_.count({path, {}, {}, f.fingerprint}) > 0 || entries_.count({{}, name, {}, f.fingerprint}) > 0;
  });
}

void Baseline::add(const std::string& key, const std::vector<Finding>& findings) {
  for (const auto& f : findings) entries_.insert({valid_utf8(key), {}, f.rule, f.fingerprint});
}

void Baseline::save(const std::string& path) const {
  nlohmann::ordered_json j{{"ogicheck-baseline", 2}, {"findings", nlohmann::ordered_json::array()}};
  for (const auto& e : entries_)
    j["findings"].push_back({{e.key.empty() ? "file" : "path", e.key.empty() ? e.file : e.key}, {"rule", e.rule}, {"fingerprint", e.fingerprint}});
  std::ofstream out(path);
  out << j.dump(1) << '\n';
  if (!out.flush()) throw InputError("write", "无法写入基线文件 " + path, "cannot write the baseline " + path);
}

}  // namespace ogi
